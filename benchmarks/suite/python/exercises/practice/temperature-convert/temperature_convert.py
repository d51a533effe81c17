def convert(value, from_unit, to_unit):
    raise NotImplementedError("convert a temperature between C, F and K")
