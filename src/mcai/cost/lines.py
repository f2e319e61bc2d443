"""Cost lines: one priced component each (quantity x unit price = cost, with the price's source), and the estimate
that collects them. Pure data; `estimate.py` builds them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from mcai.cost.catalog import Catalog, NamedPrice
from mcai.cost.money import ZERO, Span, qty, total, usd_unit
from mcai.diagnostics import Path

Status = Literal["estimated", "depends_on_usage", "price_not_found"]
Category = Literal["inference", "egress", "link", "cache", "data"]
Recurrence = Literal["monthly", "one_time"]


@dataclass(frozen=True)
class PriceRef:
    """Where a unit price comes from (a catalog entry or the token-price dataset)."""

    id: str
    source: str
    as_of: str
    status: str
    catalog: str
    note: str | None = None

    @classmethod
    def of(cls, named: NamedPrice) -> PriceRef:
        p = named.price
        return cls(named.id, p.source, p.as_of.isoformat(), p.status, named.catalog, p.note)


@dataclass(frozen=True)
class Line:
    id: str
    category: Category
    description: str
    recurrence: Recurrence
    status: Status
    spec_path: Path
    quantity: Span | None = None
    quantity_unit: str = ""
    unit_price: Span | None = None
    price_unit: str = ""
    cost: Span | None = None
    price: PriceRef | None = None
    note: str | None = None
    cache_saving: Span | None = None  # what the response cache saves on this line (already deducted from cost)
    route: tuple[str, str, str] | None = None  # egress lines: (from cloud, to cloud, path)
    cloud: str | None = None  # the cloud that bills it (egress: the sending cloud)
    stack: str | None = None  # the account (root stack) that bills it: `aws-workloads`, or `aws` for one account
    region: str | None = None  # that account's region (Azure: location), which its price is looked up for

    @property
    def counted(self) -> bool:
        return self.status == "estimated" and self.cost is not None


def priced(line: Line, price: NamedPrice | PriceRef | None, unit_price: Span | None, quantity: Span | None,
           tried: tuple[str, ...] = (), factor: Span | None = None) -> Line:
    """Fill a line's price, quantity and cost, or say why it cannot be estimated (never a guessed figure).

    `factor` (e.g. 1 - cache hit rate) scales the quantity; the cost it removes is kept as the cache saving."""
    ref = PriceRef.of(price) if isinstance(price, NamedPrice) else price
    if ref is None or unit_price is None:
        ids = ", ".join(tried) if tried else line.id
        return replace(line, status="price_not_found", quantity=quantity,
                       note=f"price not found (catalog ids tried: {ids}); add one with --prices")
    if quantity is None:
        return replace(line, status="depends_on_usage", unit_price=unit_price, price=ref,
                       note=f"depends on usage: {unit_text(unit_price)} {line.price_unit}")
    base = quantity * unit_price
    if factor is None:
        return replace(line, status="estimated", quantity=quantity, unit_price=unit_price, price=ref, cost=base)
    kept = quantity * factor
    cost = kept * unit_price
    saving = Span(base.low - cost.low, base.high - cost.high)
    return replace(line, status="estimated", quantity=kept, unit_price=unit_price, price=ref, cost=cost,
                   cache_saving=saving)


def unit_text(span: Span) -> str:
    return usd_unit(span.low) if not span.is_range else f"{usd_unit(span.low)} - {usd_unit(span.high)}"


@dataclass(frozen=True)
class CacheEffect:
    hit_rate: Decimal
    monthly_cost: Span | None
    saving: Span | None  # None when the usage it depends on is missing
    payback: Span | None  # saving / cache cost
    note: str


@dataclass(frozen=True)
class Estimate:
    lines: tuple[Line, ...]
    cache: CacheEffect | None
    notes: tuple[str, ...]
    catalogs: tuple[tuple[str, str], ...]  # (name, as_of)
    token_dataset: str
    catalog: Catalog | None = None  # the prices used, for findings that compare paths
    stacks: tuple[str, ...] = ()  # every account's stack (topology order): the per-account subtotals' keys

    def line(self, line_id: str) -> Line | None:
        return next((ln for ln in self.lines if ln.id == line_id), None)

    def _sum(self, recurrence: Recurrence) -> Span:
        return total([ln.cost for ln in self.lines if ln.recurrence == recurrence and ln.counted and ln.cost])

    @property
    def monthly(self) -> Span:
        return self._sum("monthly")

    @property
    def one_time(self) -> Span:
        return self._sum("one_time")

    def category_total(self, category: Category, recurrence: Recurrence = "monthly") -> Span:
        return total([ln.cost for ln in self.lines
                      if ln.category == category and ln.recurrence == recurrence and ln.counted and ln.cost])

    def for_cloud(self, cloud: str, recurrence: Recurrence = "monthly") -> tuple[Line, ...]:
        return tuple(ln for ln in self.lines if ln.cloud == cloud and ln.recurrence == recurrence)

    def for_stack(self, stack: str, recurrence: Recurrence = "monthly") -> tuple[Line, ...]:
        """The lines one account (root stack) is billed for; budgets are per account."""
        return tuple(ln for ln in self.lines if ln.stack == stack and ln.recurrence == recurrence)

    def subtotal(self, lines: tuple[Line, ...]) -> Span:
        return total([ln.cost for ln in lines if ln.counted and ln.cost])

    @property
    def uncounted(self) -> tuple[Line, ...]:
        return tuple(ln for ln in self.lines if not ln.counted)


def describe_quantity(line: Line) -> str:
    return "-" if line.quantity is None else f"{qty(line.quantity)} {line.quantity_unit}".strip()


__all__ = ["Line", "Estimate", "CacheEffect", "PriceRef", "priced", "describe_quantity", "ZERO"]
