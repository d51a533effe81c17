import pytest

from matrix_spiral import spiral_matrix, spiral_order


def test_empty():
    assert spiral_order([]) == []
    assert spiral_order([[], []]) == []


def test_single_element():
    assert spiral_order([[7]]) == [7]


def test_two_by_three():
    assert spiral_order([[1, 2, 3], [4, 5, 6]]) == [1, 2, 3, 6, 5, 4]


def test_square():
    assert spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == [1, 2, 3, 6, 9, 8, 7, 4, 5]


def test_single_row_and_column():
    assert spiral_order([[1, 2, 3, 4]]) == [1, 2, 3, 4]
    assert spiral_order([[1], [2], [3]]) == [1, 2, 3]


def test_tall_and_wide():
    tall = [[1, 2], [3, 4], [5, 6], [7, 8]]
    assert spiral_order(tall) == [1, 2, 4, 6, 8, 7, 5, 3]
    wide = [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 15]]
    assert spiral_order(wide) == [1, 2, 3, 4, 5, 10, 15, 14, 13, 12, 11, 6, 7, 8, 9]


def test_ragged_raises():
    with pytest.raises(ValueError):
        spiral_order([[1, 2], [3]])


def test_input_not_modified():
    matrix = [[1, 2], [3, 4]]
    spiral_order(matrix)
    assert matrix == [[1, 2], [3, 4]]


def test_spiral_matrix_three_by_four():
    assert spiral_matrix(3, 4) == [[1, 2, 3, 4], [10, 11, 12, 5], [9, 8, 7, 6]]


def test_spiral_matrix_degenerate():
    assert spiral_matrix(0, 0) == []
    assert spiral_matrix(0, 5) == []
    assert spiral_matrix(2, 0) == [[], []]
    assert spiral_matrix(1, 1) == [[1]]
    assert spiral_matrix(3, 1) == [[1], [2], [3]]


def test_spiral_matrix_rows_are_independent():
    grid = spiral_matrix(2, 2)
    grid[0][0] = 99
    assert grid[1][0] == 4


def test_spiral_matrix_negative_raises():
    with pytest.raises(ValueError):
        spiral_matrix(-1, 3)


def test_round_trip_many_shapes():
    for rows in range(1, 9):
        for cols in range(1, 9):
            assert spiral_order(spiral_matrix(rows, cols)) == list(range(1, rows * cols + 1))
