import pytest

from roman_numerals import from_roman, to_roman


def test_small_numbers():
    assert [to_roman(n) for n in range(1, 11)] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def test_subtractive_forms():
    assert to_roman(40) == "XL"
    assert to_roman(90) == "XC"
    assert to_roman(400) == "CD"
    assert to_roman(900) == "CM"


def test_mixed():
    assert to_roman(1994) == "MCMXCIV"
    assert to_roman(2024) == "MMXXIV"
    assert to_roman(3999) == "MMMCMXCIX"


@pytest.mark.parametrize("bad", [0, -1, 4000, 2.0, True, "12", None])
def test_to_roman_rejects(bad):
    with pytest.raises(ValueError):
        to_roman(bad)


def test_from_roman_examples():
    assert from_roman("XLII") == 42
    assert from_roman("MCMXCIV") == 1994
    assert from_roman("MMMCMXCIX") == 3999
    assert from_roman("I") == 1


def test_round_trip_every_number():
    for n in range(1, 4000):
        assert from_roman(to_roman(n)) == n


def test_from_roman_rejects_bad_characters():
    for bad in ["", "xiv", "X V", "ABC", " X", "X\n"]:
        with pytest.raises(ValueError):
            from_roman(bad)


def test_from_roman_rejects_repetition():
    for bad in ["IIII", "XXXX", "MMMM", "VV", "LL", "DD", "CCCC"]:
        with pytest.raises(ValueError):
            from_roman(bad)


def test_from_roman_rejects_bad_subtraction():
    for bad in ["IC", "IL", "VX", "XD", "XM", "LC", "DM", "IIV", "IIX"]:
        with pytest.raises(ValueError):
            from_roman(bad)


def test_from_roman_rejects_bad_order():
    for bad in ["IXI", "XCX", "IVI", "CMC", "IIIV", "VIV", "XLX", "MCMC"]:
        with pytest.raises(ValueError):
            from_roman(bad)
