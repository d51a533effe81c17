import pytest

from bowling_score import score


def test_gutter_game():
    assert score([0] * 20) == 0


def test_all_ones():
    assert score([1] * 20) == 20


def test_spare_bonus():
    assert score([6, 4, 3] + [0] * 17) == 16


def test_strike_bonus():
    assert score([10, 3, 4] + [0] * 16) == 24


def test_consecutive_strikes():
    assert score([10, 10, 10, 5, 3] + [0] * 12) == 81


def test_perfect_game():
    assert score([10] * 12) == 300


def test_all_spares():
    assert score([5, 5] * 10 + [5]) == 150


def test_tenth_frame_spare_then_strike():
    assert score([0] * 18 + [7, 3, 10]) == 20


def test_tenth_frame_strike_then_open_bonus():
    assert score([0] * 18 + [10, 7, 3]) == 20
    assert score([0] * 18 + [10, 10, 6]) == 26


def test_strike_with_zero_second_roll_is_spare_not_strike():
    assert score([0, 10, 5, 3] + [0] * 16) == 23


def test_accepts_tuple():
    assert score(tuple([3, 4] * 10)) == 70


def test_invalid_roll():
    for bad in [-1, 11, 2.5, True, "3", None]:
        with pytest.raises(ValueError):
            score([bad] + [0] * 19)


def test_frame_over_ten_pins():
    with pytest.raises(ValueError):
        score([6, 5] + [0] * 18)
    with pytest.raises(ValueError):
        score([0] * 18 + [6, 5])


def test_bonus_rolls_over_ten_pins():
    with pytest.raises(ValueError):
        score([0] * 18 + [10, 6, 5])


def test_incomplete_games():
    for rolls in ([], [10, 5], [0] * 19, [0] * 18 + [10, 10], [0] * 18 + [4, 6], [10] * 11):
        with pytest.raises(ValueError):
            score(rolls)


def test_rolls_after_game_over():
    for rolls in ([0] * 21, [10] * 13, [0] * 18 + [4, 6, 2, 1]):
        with pytest.raises(ValueError):
            score(rolls)
