from decimal import Decimal

import pytest

from money_split import Money


def test_exact_addition():
    assert Money("0.1", "EUR") + Money("0.2", "EUR") == Money("0.30", "EUR")
    assert str(Money("0.1", "EUR") + Money("0.2", "EUR")) == "0.30 EUR"


def test_constructors():
    assert Money(12, "USD").cents == 1200
    assert Money("12.34", "USD").cents == 1234
    assert Money(Decimal("-0.5"), "USD").cents == -50
    assert Money("1.5", "EUR") == Money("1.50", "EUR")


def test_float_and_bool_rejected():
    for bad in (0.1, 1.0, True):
        with pytest.raises(TypeError):
            Money(bad, "EUR")


def test_invalid_amounts_and_currencies():
    for amount, currency in [("1.005", "EUR"), ("abc", "EUR"), ("", "EUR"), ("1", "eur"), ("1", "EU"), ("1", "EURO")]:
        with pytest.raises(ValueError):
            Money(amount, currency)


def test_str_formatting():
    assert str(Money("12.3", "EUR")) == "12.30 EUR"
    assert str(Money("-0.05", "USD")) == "-0.05 USD"
    assert str(Money(0, "JPY")) == "0.00 JPY"


def test_subtraction_and_currency_mismatch():
    assert Money("5", "EUR") - Money("7.25", "EUR") == Money("-2.25", "EUR")
    with pytest.raises(ValueError):
        Money("1", "EUR") + Money("1", "USD")
    with pytest.raises(TypeError):
        Money("1", "EUR") + 1


def test_immutable_and_hashable():
    m = Money("1", "EUR")
    with pytest.raises(AttributeError):
        m.currency = "USD"
    with pytest.raises(AttributeError):
        m.cents = 5
    assert len({Money("1", "EUR"), Money("1.00", "EUR"), Money("1", "USD")}) == 2


def test_not_equal_to_other_types():
    assert Money("1", "EUR") != 1
    assert Money("1", "EUR") != "1.00 EUR"


def test_allocate_even_split_with_remainder():
    assert Money("100", "EUR").allocate([1, 1, 1]) == [
        Money("33.34", "EUR"),
        Money("33.33", "EUR"),
        Money("33.33", "EUR"),
    ]


def test_allocate_by_ratio():
    assert Money("0.05", "USD").allocate([3, 7]) == [Money("0.02", "USD"), Money("0.03", "USD")]
    assert Money("10", "USD").allocate([0, 1]) == [Money(0, "USD"), Money(10, "USD")]


def test_allocate_negative_amount():
    assert Money("-1", "EUR").allocate([1, 1, 1]) == [
        Money("-0.34", "EUR"),
        Money("-0.33", "EUR"),
        Money("-0.33", "EUR"),
    ]


def test_allocate_always_sums_exactly():
    for cents in (1, 7, 99, 1001, 123457):
        m = Money(Decimal(cents) / 100, "EUR")
        parts = m.allocate([5, 3, 2, 1, 1])
        assert sum(p.cents for p in parts) == cents
        assert all(p.currency == "EUR" for p in parts)


def test_allocate_invalid_ratios():
    for bad in ([], [0, 0], [1, -1], [1.5, 1]):
        with pytest.raises(ValueError):
            Money("1", "EUR").allocate(bad)
