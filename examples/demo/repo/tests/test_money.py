from decimal import Decimal

import pytest

from invoice import format_amount, parse_amount


def test_parse_plain_and_grouped():
    assert parse_amount("1,234.50") == Decimal("1234.50")
    assert parse_amount("€ 12.00") == Decimal("12.00")


def test_parse_rejects_words():
    with pytest.raises(ValueError):
        parse_amount("twelve")


def test_format():
    assert format_amount(Decimal("1234.5")) == "1,234.50 EUR"
