def spiral_order(matrix):
    raise NotImplementedError


def spiral_matrix(rows, cols):
    raise NotImplementedError
