import pytest

from sudoku_solve import is_valid, solve

CLASSIC = ["53..7....", "6..195...", ".98....6.", "8...6...3", "4..8.3..1",
           "7...2...6", ".6....28.", "...419..5", "....8..79"]
CLASSIC_SOLUTION = ["534678912", "672195348", "198342567", "859761423", "426853791",
                    "713924856", "961537284", "287419635", "345286179"]
HARD = ["......3..", "65......7", "..2..4...", "....38...", "......6..",
        "86...24.5", ".........", ".76.9..1.", ".....5839"]
HARD_SOLUTION = ["417586392", "658329147", "932174568", "745638921", "291457683",
                 "863912475", "389241756", "576893214", "124765839"]
EMPTY = ["." * 9] * 9


def assert_complete_and_consistent(puzzle, solution):
    assert len(solution) == 9 and all(len(row) == 9 for row in solution)
    assert all(ch in "123456789" for row in solution for ch in row)
    assert is_valid(solution)
    for prow, srow in zip(puzzle, solution):
        assert all(p == "." or p == s for p, s in zip(prow, srow))


def test_is_valid_on_puzzles():
    assert is_valid(CLASSIC)
    assert is_valid(EMPTY)
    assert is_valid(CLASSIC_SOLUTION)


def test_is_valid_detects_duplicates():
    row_dupe = ["11......."] + EMPTY[1:]
    col_dupe = ["1........", "1........"] + EMPTY[2:]
    box_dupe = ["1........", ".1......."] + EMPTY[2:]
    assert not is_valid(row_dupe)
    assert not is_valid(col_dupe)
    assert not is_valid(box_dupe)


def test_box_boundaries():
    # Same digit in neighbouring boxes of the same band but different rows and columns.
    assert is_valid(["1........", "...1....."] + EMPTY[2:])


def test_solve_classic():
    assert solve(CLASSIC) == CLASSIC_SOLUTION


def test_solve_hard():
    assert solve(HARD) == HARD_SOLUTION


def test_solve_does_not_modify_input():
    puzzle = list(CLASSIC)
    solve(puzzle)
    assert puzzle == CLASSIC


def test_already_solved():
    assert solve(CLASSIC_SOLUTION) == CLASSIC_SOLUTION


def test_empty_board_gets_some_solution():
    assert_complete_and_consistent(EMPTY, solve(EMPTY))


def test_invalid_givens_give_none():
    assert solve(["55......."] + EMPTY[1:]) is None


def test_valid_but_unsolvable_gives_none():
    # Row 0 needs a 9 in its last cell, but column 8 already has one.
    puzzle = ["12345678.", "........9"] + EMPTY[2:]
    assert is_valid(puzzle)
    assert solve(puzzle) is None


def test_malformed_boards_raise():
    for bad in [EMPTY[:8], EMPTY + ["." * 9], ["." * 10] + EMPTY[1:], ["0" + "." * 8] + EMPTY[1:],
                ["x" * 9] + EMPTY[1:], [None] + EMPTY[1:], "." * 81]:
        with pytest.raises(ValueError):
            is_valid(bad)
        with pytest.raises(ValueError):
            solve(bad)
