ABSOLUTE_ZERO_K = 0.0


def _to_kelvin(value, unit):
    if unit == "K":
        return float(value)
    if unit == "C":
        return value + 273.15
    return (value - 32) * 5 / 9 + 273.15


def _from_kelvin(kelvin, unit):
    if unit == "K":
        return kelvin
    if unit == "C":
        return kelvin - 273.15
    return (kelvin - 273.15) * 9 / 5 + 32


def convert(value, from_unit, to_unit):
    src, dst = str(from_unit).upper(), str(to_unit).upper()
    for unit in (src, dst):
        if unit not in ("C", "F", "K"):
            raise ValueError(f"unknown unit: {unit}")
    kelvin = _to_kelvin(value, src)
    if kelvin < ABSOLUTE_ZERO_K - 1e-9:
        raise ValueError("temperature below absolute zero")
    if src == dst:
        return float(value)
    return float(_from_kelvin(kelvin, dst))
