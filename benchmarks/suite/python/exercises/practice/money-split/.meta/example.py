import re
from decimal import Decimal, InvalidOperation

_CURRENCY = re.compile(r"[A-Z]{3}")


def _to_cents(amount):
    if isinstance(amount, bool) or isinstance(amount, float):
        raise TypeError("use str, int or Decimal amounts, never float")
    if isinstance(amount, int):
        return amount * 100
    if isinstance(amount, str):
        text = amount
        try:
            if text != text.strip():
                raise InvalidOperation
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not an amount: {text!r}") from None
    if not isinstance(amount, Decimal):
        raise TypeError(f"unsupported amount type {type(amount).__name__}")
    if not amount.is_finite():
        raise ValueError("amount must be finite")
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"more than two decimal places: {amount}")
    return int(cents)


class Money:
    __slots__ = ("_cents", "_currency")

    def __init__(self, amount, currency):
        if not isinstance(currency, str) or not _CURRENCY.fullmatch(currency):
            raise ValueError(f"bad currency code {currency!r}")
        object.__setattr__(self, "_cents", _to_cents(amount))
        object.__setattr__(self, "_currency", currency)

    @classmethod
    def _of(cls, cents, currency):
        return cls(Decimal(cents).scaleb(-2), currency)

    @property
    def cents(self):
        return self._cents

    @property
    def currency(self):
        return self._currency

    def __setattr__(self, name, value):
        raise AttributeError("Money is immutable")

    def __delattr__(self, name):
        raise AttributeError("Money is immutable")

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return (self._cents, self._currency) == (other._cents, other._currency)

    def __hash__(self):
        return hash((self._cents, self._currency))

    def _same(self, other):
        if not isinstance(other, Money):
            return False
        if other._currency != self._currency:
            raise ValueError("currencies differ")
        return True

    def __add__(self, other):
        if not self._same(other):
            return NotImplemented
        return Money._of(self._cents + other._cents, self._currency)

    def __sub__(self, other):
        if not self._same(other):
            return NotImplemented
        return Money._of(self._cents - other._cents, self._currency)

    def __str__(self):
        sign = "-" if self._cents < 0 else ""
        units, cents = divmod(abs(self._cents), 100)
        return f"{sign}{units}.{cents:02d} {self._currency}"

    def __repr__(self):
        return f"Money({str(self).split()[0]!r}, {self._currency!r})"

    def allocate(self, ratios):
        ratios = list(ratios)
        if not ratios or any(isinstance(r, bool) or not isinstance(r, int) or r < 0 for r in ratios):
            raise ValueError("ratios must be non-negative ints")
        total = sum(ratios)
        if total == 0:
            raise ValueError("ratios must not all be zero")
        sign = -1 if self._cents < 0 else 1
        magnitude = abs(self._cents)
        parts = [magnitude * r // total for r in ratios]
        for i in range(magnitude - sum(parts)):
            parts[i] += 1
        return [Money._of(sign * p, self._currency) for p in parts]
