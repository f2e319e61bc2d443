"""Decimal money and quantities, as exact values or low-high ranges.

Every figure the estimator handles is a `Span`: a single value is a span whose ends are equal. Quantities and prices
are never negative, so products and sums of spans stay ordered (low <= high) without interval arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HOURS_PER_MONTH = Decimal(730)  # the Infracost convention: hourly price x 730 = monthly
WEEKS_PER_MONTH = Decimal(4)  # the article's convention (weekly re-embedding x 4)
KB_PER_GB = Decimal(1_000_000)  # decimal units, as the article uses them
TOKENS_PER_MILLION = Decimal(1_000_000)


def dec(value: float | int | str | Decimal) -> Decimal:
    """An exact decimal from a YAML number: via its shortest repr, so 0.09 stays 0.09 (not 0.0899999...)."""
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


@dataclass(frozen=True)
class Span:
    low: Decimal
    high: Decimal

    @classmethod
    def of(cls, amount: float | int | str | Decimal | tuple | list | Span) -> Span:
        if isinstance(amount, Span):
            return amount
        if isinstance(amount, (tuple, list)):
            low, high = dec(amount[0]), dec(amount[1])
            return cls(min(low, high), max(low, high))
        value = dec(amount)
        return cls(value, value)

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def __mul__(self, other: Span | Decimal | int) -> Span:
        o = other if isinstance(other, Span) else Span.of(other)
        return Span(self.low * o.low, self.high * o.high)

    __rmul__ = __mul__

    def __truediv__(self, other: Decimal | int) -> Span:
        return Span(self.low / dec(other), self.high / dec(other))

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)


ZERO = Span(Decimal(0), Decimal(0))


def total(spans: list[Span]) -> Span:
    out = ZERO
    for s in spans:
        out = out + s
    return out


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """A decimal as plain text without exponent or trailing zeros: 80, 0.09, 2000."""
    text = format(value.normalize(), "f")
    return text


def usd(value: Decimal) -> str:
    """`$1,200.00` for display (rounded half-up to the cent)."""
    return f"${cents(value):,.2f}"


def usd_unit(value: Decimal) -> str:
    """A unit price for display: at least cents, never rounded away ($0.087, $0.3496, $2.50)."""
    text = plain(value)
    whole, _, frac = text.partition(".")
    return f"${int(whole):,}.{frac.ljust(2, '0')}"


def usd_span(span: Span) -> str:
    return usd(span.low) if not span.is_range else f"{usd(span.low)} - {usd(span.high)}"


def qty(span: Span) -> str:
    def one(d: Decimal) -> str:
        return f"{d.normalize():,f}"

    return one(span.low) if not span.is_range else f"{one(span.low)} - {one(span.high)}"
