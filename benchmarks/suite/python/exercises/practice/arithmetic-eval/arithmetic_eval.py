def evaluate(expression):
    """Return the int value of an arithmetic expression (see the instructions)."""
    raise NotImplementedError
