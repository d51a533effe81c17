def parse(text):
    return [parse_line(line) for line in text.splitlines()]


def parse_line(line):
    return [_unquote(field) for field in _split_fields(line)]


def _split_fields(line):
    """Split one CSV line into its raw fields at the commas."""
    raise NotImplementedError


def _unquote(field):
    """Strip the surrounding quotes of a raw field and undouble inner quotes."""
    raise NotImplementedError
