def _pad(words, width):
    if len(words) == 1:
        return words[0].ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    base, extra = divmod(spaces, gaps)
    line = ""
    for i, word in enumerate(words[:-1]):
        line += word + " " * (base + (1 if i < extra else 0))
    return line + words[-1]


def justify(text, width):
    if width < 1:
        raise ValueError("width must be at least 1")
    words = text.split()
    for word in words:
        if len(word) > width:
            raise ValueError(f"word longer than width: {word!r}")
    lines, current = [], []
    for word in words:
        if current and len(" ".join(current + [word])) > width:
            lines.append(current)
            current = []
        current.append(word)
    if current:
        lines.append(current)
    out = [_pad(line, width) for line in lines[:-1]]
    if lines:
        out.append(" ".join(lines[-1]))
    return out
