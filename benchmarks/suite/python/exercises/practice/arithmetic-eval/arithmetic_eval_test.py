import pytest

from arithmetic_eval import evaluate


def test_single_number():
    assert evaluate("42") == 42
    assert evaluate("007") == 7


def test_precedence():
    assert evaluate("1 + 2 * 3") == 7
    assert evaluate("2 * 3 + 1") == 7


def test_parentheses():
    assert evaluate("(1 + 2) * 3") == 9
    assert evaluate("((((5))))") == 5


def test_left_associative_subtraction_and_division():
    assert evaluate("10 - 4 - 3") == 3
    assert evaluate("100 / 10 / 5") == 2


def test_power_is_right_associative():
    assert evaluate("2 ^ 3 ^ 2") == 512


def test_unary_minus_binds_weaker_than_power():
    assert evaluate("-2 ^ 2") == -4
    assert evaluate("(-2) ^ 2") == 4
    assert evaluate("2 ^ +3") == 8


def test_repeated_unary_signs():
    assert evaluate("--3") == 3
    assert evaluate("-+-3") == 3
    assert evaluate("4 - -3") == 7
    assert evaluate("2 * -3") == -6


def test_division_truncates_toward_zero():
    assert evaluate("-7 / 2") == -3
    assert evaluate("7 / -2") == -3
    assert evaluate("7 / 2") == 3


def test_remainder_sign_follows_left_operand():
    assert evaluate("-7 % 2") == -1
    assert evaluate("7 % -2") == 1
    assert evaluate("(0-7)/2*2 + (0-7)%2") == -7


def test_whitespace_ignored():
    assert evaluate(" \t1+\t2 ") == 3


def test_big_integers():
    assert evaluate("2 ^ 100") == 2**100


def test_result_is_int():
    assert type(evaluate("9 / 3")) is int


def test_division_by_zero():
    with pytest.raises(ZeroDivisionError):
        evaluate("1 / 0")
    with pytest.raises(ZeroDivisionError):
        evaluate("5 % (2 - 2)")


def test_negative_exponent():
    with pytest.raises(ValueError):
        evaluate("2 ^ -1")


SYNTAX_ERRORS = ["", "   ", "1 +", "* 2", "()", "2 * (3 + 4", "2 * 3)", "1 2", "3 $ 4", "1 + + ", "2 ^", "1.5"]


def test_syntax_errors():
    for bad in SYNTAX_ERRORS:
        with pytest.raises(SyntaxError):
            evaluate(bad)
