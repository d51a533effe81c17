from math import comb

import pytest

from grid_paths import count_paths


def test_single_cell():
    assert count_paths(["."]) == 1


def test_open_square():
    assert count_paths(["..."] * 3) == 6


def test_example_with_block():
    assert count_paths(["...", ".#.", "..."]) == 2


def test_blocked_start_or_goal():
    assert count_paths(["#..", "...", "..."]) == 0
    assert count_paths(["...", "...", "..#"]) == 0


def test_wall_cuts_all_routes():
    assert count_paths(["..#", ".#.", "#.."]) == 0


def test_single_row_and_column():
    assert count_paths(["." * 50]) == 1
    assert count_paths(["."] * 50) == 1
    assert count_paths([".#."]) == 0


def test_open_grids_are_binomials():
    for rows, cols in [(2, 2), (3, 7), (10, 10), (5, 1)]:
        assert count_paths(["." * cols] * rows) == comb(rows + cols - 2, rows - 1)


def test_large_open_grid_exact():
    assert count_paths(["." * 300] * 300) == comb(598, 299)


def test_very_tall_grid():
    grid = ["..."] * 2000
    assert count_paths(grid) == comb(2001, 2)


def test_very_wide_grid_with_obstacles():
    grid = ["." * 2000, "." * 999 + "#" + "." * 1000, "." * 2000]
    # Routes through the blocked cell (row 1, col 999) are removed.
    through = comb(1 + 999, 1) * comb(1 + 1000, 1)
    assert count_paths(grid) == comb(2001, 2) - through


def test_invalid_grids():
    for bad in [[], [""], ["..", "."], ["..", ".x"], [".", None]]:
        with pytest.raises(ValueError):
            count_paths(bad)
