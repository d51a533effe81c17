"""A tiny invoicing library."""

from invoice.money import format_amount, parse_amount
from invoice.totals import Line, invoice_total, line_total

__all__ = ["Line", "format_amount", "invoice_total", "line_total", "parse_amount"]
