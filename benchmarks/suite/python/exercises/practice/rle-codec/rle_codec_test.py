import pytest

from rle_codec import decode, encode

BS = "\\"


def test_empty():
    assert encode("") == ""
    assert decode("") == ""


def test_runs_and_singles():
    assert encode("WWWWBBW") == "4W2BW"
    assert decode("4W2BW") == "WWWWBBW"


def test_no_runs():
    assert encode("abc") == "abc"


def test_long_run_multi_digit_count():
    assert encode("x" * 12) == "12x"
    assert decode("12x") == "x" * 12
    assert decode("100a") == "a" * 100


def test_digits_are_escaped():
    assert encode("a11b") == "a2" + BS + "1b"
    assert encode("777") == "3" + BS + "7"
    assert encode("5") == BS + "5"


def test_backslash_is_escaped():
    assert encode(BS) == BS + BS
    assert encode(BS * 3) == "3" + BS + BS


def test_decode_escapes():
    assert decode("3" + BS + "7x") == "777x"
    assert decode(BS + BS + "a") == BS + "a"


def test_whitespace_and_unicode():
    text = "  \n\nééé🙂🙂"
    assert encode(text) == "2 2\n3é2🙂"
    assert decode(encode(text)) == text


def test_round_trip_tricky_strings():
    for text in ["12", "1111222", BS + "1" + BS, "a" * 10 + "1" * 10, BS * 12 + "0", "9" * 25]:
        assert decode(encode(text)) == text


@pytest.mark.parametrize(
    "bad",
    ["3", "3" + BS, "1a", "0a", "02a", BS + "a", "ab" + BS, "12"],
)
def test_malformed_raises(bad):
    with pytest.raises(ValueError):
        decode(bad)
