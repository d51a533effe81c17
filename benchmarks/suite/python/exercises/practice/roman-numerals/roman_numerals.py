def to_roman(number):
    raise NotImplementedError


def from_roman(numeral):
    raise NotImplementedError
