def count_paths(grid, row=0, col=0):
    """Number of routes from (row, col) to the bottom-right corner, moving right or down."""
    raise NotImplementedError
