import pytest

from poker_rank import best_hands, category


def test_categories():
    examples = {
        "2S 5D 9H JC KS": "high card",
        "2S 2D 9H JC KS": "one pair",
        "2S 2D 9H 9C KS": "two pair",
        "2S 2D 2H JC KS": "three of a kind",
        "5S 6D 7H 8C 9S": "straight",
        "2S 5S 9S JS KS": "flush",
        "2S 2D 2H KC KS": "full house",
        "2S 2D 2H 2C KS": "four of a kind",
        "5H 6H 7H 8H 9H": "straight flush",
        "10H JH QH KH AH": "straight flush",
    }
    for hand, expected in examples.items():
        assert category(hand) == expected, hand


def test_ace_low_and_high_straights():
    assert category("AS 2D 3C 4H 5S") == "straight"
    assert category("10S JD QC KH AS") == "straight"


def test_no_wrap_around_straight():
    assert category("QS KD AC 2H 3S") == "high card"


def test_single_hand_wins():
    assert best_hands(["4S 5S 7H 8D JC"]) == ["4S 5S 7H 8D JC"]


def test_empty_list():
    assert best_hands([]) == []


def test_high_card_compares_all_cards():
    assert best_hands(["4S 5S 7H 8D JC", "2S 4C 7S 9H 10H"]) == ["4S 5S 7H 8D JC"]
    assert best_hands(["3S 5H 6S 8D 7H", "2S 5D 6D 8C 7S"]) == ["3S 5H 6S 8D 7H"]


def test_ties_returned_in_input_order():
    hands = ["3S 4S 5D 6H JH", "4H 5C 3C 6D JD", "2S 4S 5D 6H JH"]
    assert best_hands(hands) == hands[:2]


def test_two_pair_tiebreak_order():
    # Same high pair; the lower pair decides before the kicker.
    assert best_hands(["KS KD 2H 2C AS", "KH KC 3D 3S 4H"]) == ["KH KC 3D 3S 4H"]
    # Same pairs; the kicker decides.
    assert best_hands(["KS KD 3H 3C 5S", "KH KC 3D 3S 4H"]) == ["KS KD 3H 3C 5S"]


def test_pair_beats_kickers():
    assert best_hands(["2S 2D 3H 4C 5S", "AS KD QH JC 9S"]) == ["2S 2D 3H 4C 5S"]


def test_full_house_compares_triple_first():
    assert best_hands(["4S 4H 4D 9S 9D", "3S 3H 3D AS AD"]) == ["4S 4H 4D 9S 9D"]


def test_ace_low_straight_is_the_lowest_straight():
    assert best_hands(["AS 2D 3C 4H 5S", "2H 3S 4D 5C 6H"]) == ["2H 3S 4D 5C 6H"]
    assert best_hands(["AH 2H 3H 4H 5H", "2C 3C 4C 5C 6C"]) == ["2C 3C 4C 5C 6C"]


def test_category_order():
    ladder = ["2S 5D 9H JC KS", "2S 2D 9H JC KS", "2S 2D 9H 9C KS", "2S 2D 2H JC KS", "5S 6D 7H 8C 9S",
              "2S 5S 9S JS KS", "2S 2D 2H KC KS", "2S 2D 2H 2C KS", "5H 6H 7H 8H 9H"]
    for low, high in zip(ladder, ladder[1:]):
        assert best_hands([high, low]) == [high]
        assert best_hands([low, high]) == [high]


def test_suits_do_not_break_ties():
    assert best_hands(["2S 5S 9S JS KS", "2H 5H 9H JH KH"]) == ["2S 5S 9S JS KS", "2H 5H 9H JH KH"]


def test_invalid_hands():
    for bad in ["2S 3S 4S 5S", "2S 3S 4S 5S 6S 7S", "1S 3S 4S 5S 6S", "2X 3S 4S 5S 6S", "2s 3S 4S 5S 6S",
                "2S 2S 4S 5S 6S", "TS JS QS KS AS", ""]:
        with pytest.raises(ValueError):
            category(bad)
        with pytest.raises(ValueError):
            best_hands(["2H 3D 4C 5S 7H", bad])
