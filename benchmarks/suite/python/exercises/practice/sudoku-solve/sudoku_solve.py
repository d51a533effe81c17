def is_valid(board):
    raise NotImplementedError


def solve(board):
    raise NotImplementedError
