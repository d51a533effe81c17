import pytest

from temperature_convert import convert


def test_celsius_to_fahrenheit_boiling():
    assert convert(100, "C", "F") == pytest.approx(212.0)


def test_fahrenheit_to_kelvin():
    assert convert(32, "F", "K") == pytest.approx(273.15)


def test_kelvin_to_celsius_absolute_zero():
    assert convert(0, "K", "C") == pytest.approx(-273.15)


def test_minus_forty_is_the_same_in_c_and_f():
    assert convert(-40, "C", "F") == pytest.approx(-40.0)
    assert convert(-40, "F", "C") == pytest.approx(-40.0)


def test_same_unit_returns_value_as_float():
    result = convert(21, "C", "C")
    assert result == 21.0
    assert isinstance(result, float)


def test_units_are_case_insensitive():
    assert convert(0, "c", "k") == pytest.approx(273.15)


def test_result_is_float():
    assert isinstance(convert(10, "C", "K"), float)


def test_round_trip():
    assert convert(convert(37.5, "C", "F"), "F", "C") == pytest.approx(37.5)


def test_unknown_unit_raises():
    with pytest.raises(ValueError):
        convert(10, "C", "X")
    with pytest.raises(ValueError):
        convert(10, "R", "C")


def test_below_absolute_zero_raises():
    with pytest.raises(ValueError):
        convert(-300, "C", "K")
    with pytest.raises(ValueError):
        convert(-1, "K", "F")
    with pytest.raises(ValueError):
        convert(-460, "F", "C")


def test_exactly_absolute_zero_in_fahrenheit_is_allowed():
    assert convert(-459.67, "F", "K") == pytest.approx(0.0, abs=1e-9)
