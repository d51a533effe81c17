import pytest

from fizz_rules import fizz


def test_first_five():
    assert fizz(5) == ["1", "2", "Fizz", "4", "Buzz"]


def test_fifteen_is_fizzbuzz():
    assert fizz(15)[-1] == "FizzBuzz"
    assert len(fizz(15)) == 15


def test_zero_gives_empty():
    assert fizz(0) == []


def test_negative_raises():
    with pytest.raises(ValueError):
        fizz(-1)


def test_custom_rules_in_order():
    assert fizz(6, ((2, "A"), (3, "B"))) == ["1", "A", "B", "A", "5", "AB"]


def test_rule_order_matters():
    assert fizz(6, ((3, "B"), (2, "A")))[-1] == "BA"


def test_no_rules():
    assert fizz(3, ()) == ["1", "2", "3"]


def test_zero_divisor_raises():
    with pytest.raises(ValueError):
        fizz(3, ((0, "Z"),))


def test_negative_divisor_raises():
    with pytest.raises(ValueError):
        fizz(3, ((-2, "Z"),))


def test_three_rules():
    assert fizz(105, ((3, "Fizz"), (5, "Buzz"), (7, "Bazz")))[104] == "FizzBuzzBazz"
