"""Parsing and formatting money amounts."""

from decimal import Decimal, InvalidOperation


def parse_amount(text: str) -> Decimal:
    """Parses '1,234.50' or '€ 12.00' into a Decimal; raises ValueError on anything else."""
    cleaned = text.replace(",", "").replace("€", "").replace("$", "").strip()
    try:
        return Decimal(cleaned)
    except InvalidOperation as err:
        raise ValueError(f"not an amount: {text!r}") from err


def format_amount(amount: Decimal, currency: str = "EUR") -> str:
    return f"{amount:,.2f} {currency}"
