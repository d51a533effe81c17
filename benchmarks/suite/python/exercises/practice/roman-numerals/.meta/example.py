_TABLE = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"),
    (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def to_roman(number):
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 3999:
        raise ValueError(f"cannot write {number!r} in Roman numerals")
    out = []
    for value, symbol in _TABLE:
        count, number = divmod(number, value)
        out.append(symbol * count)
    return "".join(out)


def from_roman(numeral):
    if not isinstance(numeral, str) or not numeral:
        raise ValueError("empty numeral")
    total, i = 0, 0
    for value, symbol in _TABLE:
        while numeral.startswith(symbol, i):
            total += value
            i += len(symbol)
    if i != len(numeral) or not 1 <= total <= 3999 or to_roman(total) != numeral:
        raise ValueError(f"not a canonical Roman numeral: {numeral!r}")
    return total
