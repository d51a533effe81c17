_CONTAINERS = (list, tuple)


def _check(nested):
    if not isinstance(nested, _CONTAINERS):
        raise TypeError("expected a list or tuple")


def _traverse(nested, on_leaf):
    """Walk with an explicit stack (no recursion); return the maximum depth seen."""
    _check(nested)
    on_path = {id(nested)}
    stack = [(nested, iter(nested))]
    deepest = 1
    while stack:
        container, items = stack[-1]
        for item in items:
            if isinstance(item, _CONTAINERS):
                if id(item) in on_path:
                    raise ValueError("structure contains itself")
                on_path.add(id(item))
                stack.append((item, iter(item)))
                deepest = max(deepest, len(stack))
                break
            on_leaf(item)
        else:
            stack.pop()
            on_path.discard(id(container))
    return deepest


def flatten(nested):
    out = []
    _traverse(nested, lambda leaf: out.append(leaf) if leaf is not None else None)
    return out


def depth(nested):
    return _traverse(nested, lambda leaf: None)
