from itertools import groupby


def _escape(ch):
    return "\\" + ch if ch.isdigit() or ch == "\\" else ch


def encode(text):
    parts = []
    for ch, run in groupby(text):
        count = len(list(run))
        parts.append((str(count) if count > 1 else "") + _escape(ch))
    return "".join(parts)


def decode(encoded):
    out = []
    i, n = 0, len(encoded)
    while i < n:
        j = i
        while j < n and encoded[j].isdigit():
            j += 1
        digits = encoded[i:j]
        if digits and (digits[0] == "0" or int(digits) < 2):
            raise ValueError(f"bad count {digits!r} at {i}")
        if j >= n:
            raise ValueError("count without a character")
        ch = encoded[j]
        if ch == "\\":
            if j + 1 >= n:
                raise ValueError("dangling backslash")
            ch = encoded[j + 1]
            if not (ch.isdigit() or ch == "\\"):
                raise ValueError(f"bad escape \\{ch}")
            j += 1
        out.append(ch * (int(digits) if digits else 1))
        i = j + 1
    return "".join(out)
