def _spiral_cells(rows, cols):
    top, bottom, left, right = 0, rows - 1, 0, cols - 1
    while top <= bottom and left <= right:
        for c in range(left, right + 1):
            yield top, c
        for r in range(top + 1, bottom + 1):
            yield r, right
        if top < bottom:
            for c in range(right - 1, left - 1, -1):
                yield bottom, c
        if left < right:
            for r in range(bottom - 1, top, -1):
                yield r, left
        top, bottom, left, right = top + 1, bottom - 1, left + 1, right - 1


def spiral_order(matrix):
    if not matrix:
        return []
    cols = len(matrix[0])
    if any(len(row) != cols for row in matrix):
        raise ValueError("rows have different lengths")
    return [matrix[r][c] for r, c in _spiral_cells(len(matrix), cols)]


def spiral_matrix(rows, cols):
    if rows < 0 or cols < 0:
        raise ValueError("sizes must not be negative")
    grid = [[0] * cols for _ in range(rows)]
    for n, (r, c) in enumerate(_spiral_cells(rows, cols), start=1):
        grid[r][c] = n
    return grid
