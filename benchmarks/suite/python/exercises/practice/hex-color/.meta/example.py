import string

_HEX = set(string.hexdigits)


def parse_hex(text):
    if not isinstance(text, str) or not text.startswith("#"):
        raise ValueError("colour must start with #")
    digits = text[1:]
    if len(digits) not in (3, 6) or not set(digits) <= _HEX:
        raise ValueError(f"not a hex colour: {text!r}")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def to_hex(r, g, b):
    for part in (r, g, b):
        if isinstance(part, bool) or not isinstance(part, int) or not 0 <= part <= 255:
            raise ValueError(f"component out of range: {part!r}")
    return "#{:02x}{:02x}{:02x}".format(r, g, b)
