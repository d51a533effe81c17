def _checked(intervals):
    out = []
    for item in intervals:
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise ValueError(f"not an interval: {item!r}")
        start, end = item
        for bound in (start, end):
            if isinstance(bound, bool) or not isinstance(bound, int):
                raise ValueError(f"bounds must be ints: {item!r}")
        if start > end:
            raise ValueError(f"start after end: {item!r}")
        out.append((start, end))
    return out


def merge(intervals):
    merged = []
    for start, end in sorted(_checked(intervals)):
        if merged and start <= merged[-1][1] + 1:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def total_length(intervals):
    return sum(end - start + 1 for start, end in merge(intervals))
