def _validate(grid):
    if not grid or not grid[0]:
        raise ValueError("empty grid")
    width = len(grid[0])
    for row in grid:
        if not isinstance(row, str) or len(row) != width:
            raise ValueError("rows must be strings of equal length")
        if set(row) - {".", "#"}:
            raise ValueError("cells are '.' or '#'")
    return width


def count_paths(grid, row=0, col=0):
    width = _validate(grid)
    # One row of counts, updated top to bottom: ways[c] = routes from the start to (r, c).
    ways = [0] * width
    ways[col] = 1 if grid[row][col] == "." else 0
    for r in range(row, len(grid)):
        line = grid[r]
        for c in range(col, width):
            if line[c] == "#":
                ways[c] = 0
            elif c > col:
                ways[c] += ways[c - 1]
    return ways[-1]
