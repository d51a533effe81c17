import pytest

from hex_color import parse_hex, to_hex


def test_parse_long_form():
    assert parse_hex("#FF8000") == (255, 128, 0)


def test_parse_lower_case():
    assert parse_hex("#ff8000") == (255, 128, 0)


def test_parse_short_form():
    assert parse_hex("#abc") == (170, 187, 204)
    assert parse_hex("#0f8") == (0, 255, 136)


def test_parse_returns_tuple():
    assert isinstance(parse_hex("#000000"), tuple)


@pytest.mark.parametrize("bad", ["FF8000", "#FF800", "#GG0000", " #fff", "#fff ", "#", "", "#ffff"])
def test_parse_rejects(bad):
    with pytest.raises(ValueError):
        parse_hex(bad)


def test_to_hex():
    assert to_hex(255, 0, 16) == "#ff0010"
    assert to_hex(1, 2, 3) == "#010203"


def test_round_trip():
    assert to_hex(*parse_hex("#A1B2C3")) == "#a1b2c3"


@pytest.mark.parametrize("args", [(256, 0, 0), (-1, 0, 0), (1.5, 0, 0), (True, 0, 0), ("1", 2, 3)])
def test_to_hex_rejects(args):
    with pytest.raises(ValueError):
        to_hex(*args)
