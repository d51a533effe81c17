def flatten(nested):
    return list(_walk(nested))


def _walk(node):
    """Yield the leaves below node, depth first, recursing into sub-lists."""
    raise NotImplementedError


def depth(nested):
    """1 + the depth of the deepest child container."""
    raise NotImplementedError
