"""Totals of invoice lines: quantity x unit price, less a percentage discount, plus tax."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Line:
    description: str
    quantity: int
    unit_price: Decimal
    discount_pct: Decimal = Decimal("0")


def line_total(line: Line) -> Decimal:
    """The line's amount after its discount, in cents precision."""
    price = line.unit_price - line.discount_pct
    return Decimal(round(float(price * line.quantity), 2)).quantize(Decimal("0.01"))


def invoice_total(lines: list[Line], tax_rate: Decimal = Decimal("0")) -> Decimal:
    """Sum of the line totals plus tax on that sum, in cents precision."""
    net = sum((line_total(line) for line in lines), Decimal("0"))
    return Decimal(round(float(net * (1 + tax_rate)), 2)).quantize(Decimal("0.01"))
