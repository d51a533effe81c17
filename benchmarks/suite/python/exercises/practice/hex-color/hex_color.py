def parse_hex(text):
    raise NotImplementedError


def to_hex(r, g, b):
    raise NotImplementedError
