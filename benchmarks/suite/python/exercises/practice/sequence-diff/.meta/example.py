def _table(a, b):
    # suffix[i][j] = LCS length of a[i:] and b[j:]; filled bottom-up, no recursion.
    n, m = len(a), len(b)
    suffix = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = suffix[i], suffix[i + 1]
        ai = a[i]
        for j in range(m - 1, -1, -1):
            if ai == b[j]:
                row[j] = below[j + 1] + 1
            else:
                row[j] = below[j] if below[j] >= row[j + 1] else row[j + 1]
    return suffix


def lcs_length(a, b):
    return _table(a, b)[0][0]


def diff(a, b):
    suffix = _table(a, b)
    ops, deletes, inserts = [], [], []
    i, j = 0, 0
    n, m = len(a), len(b)

    def flush():
        ops.extend(deletes)
        ops.extend(inserts)
        deletes.clear()
        inserts.clear()

    while i < n or j < m:
        if i < n and j < m and a[i] == b[j] and suffix[i][j] == suffix[i + 1][j + 1] + 1:
            flush()
            ops.append((" ", a[i]))
            i, j = i + 1, j + 1
        elif i < n and (j >= m or suffix[i + 1][j] >= suffix[i][j + 1]):
            deletes.append(("-", a[i]))
            i += 1
        else:
            inserts.append(("+", b[j]))
            j += 1
    flush()
    return ops


def render(ops):
    return "\n".join(f"{op} {item}" for op, item in ops)
