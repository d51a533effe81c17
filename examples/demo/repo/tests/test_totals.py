from decimal import Decimal

from invoice import Line, invoice_total, line_total


def test_line_without_discount():
    assert line_total(Line("pen", 4, Decimal("1.25"))) == Decimal("5.00")


def test_full_discount_is_free():
    assert line_total(Line("gift", 2, Decimal("9.99"), discount_pct=Decimal("100"))) == Decimal("0.00")


def test_cents_round_half_up():
    # 1 x 2.675 is exactly half a cent: accountants expect 2.68, not the float result 2.67
    assert line_total(Line("tea", 1, Decimal("2.675"))) == Decimal("2.68")


def test_invoice_total_with_tax_rounds_half_up():
    lines = [Line("a", 1, Decimal("10.00")), Line("b", 1, Decimal("0.05"))]
    assert invoice_total(lines, tax_rate=Decimal("0.10")) == Decimal("11.06")


def test_empty_invoice():
    assert invoice_total([]) == Decimal("0.00")
