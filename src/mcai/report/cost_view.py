"""Cost tables for the Markdown and terminal views (rows computed once, formatted twice)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from mcai.report.cost import Amount, CostLine, CostSection


def _span(a: Amount | None, one: Callable[[str], str]) -> str:
    """`one(low)` for an exact amount, `one(low) - one(high)` for a range, `-` when unknown."""
    if a is None:
        return "-"
    return one(a.low) if a.low == a.high else f"{one(a.low)} - {one(a.high)}"


def money(a: Amount | None) -> str:
    return _span(a, lambda v: f"${Decimal(v):,.2f}")


def number(a: Amount | None) -> str:
    return _span(a, lambda v: f"{Decimal(v).normalize():,f}")


def unit_price(a: Amount | None) -> str:
    def one(v: str) -> str:  # unit prices keep every digit given (e.g. $0.3496), at least cents
        whole, _, frac = v.partition(".")
        return f"${int(whole):,}.{frac.ljust(2, '0')}"

    return _span(a, one)


def row(line: CostLine) -> tuple[str, str, str, str, str]:
    """(component, quantity, unit price, cost, source)."""
    quantity = f"{number(line.quantity)} {line.quantity_unit}".strip() if line.quantity else "-"
    price = f"{unit_price(line.unit_price_usd)} {line.price_unit}" if line.unit_price_usd else "-"
    cost = money(line.cost_usd) if line.status == "estimated" else line.note or line.status
    if line.status == "estimated" and line.note:
        cost += f" ({line.note})"
    source = "-" if line.price is None else f"{line.price.source} ({line.price.status}, {line.price.as_of})"
    return line.description, quantity, price, cost, source


def summary(cost: CostSection) -> str:
    """The headline: the priced total and how many components it leaves out. Never a bare `$0.00`: a monthly total
    of zero next to unpriced components says "not priced" instead of showing a figure that reads as free."""
    components = cost.estimated + cost.not_estimated
    usage = cost.not_estimated - cost.price_not_found
    parts = ", ".join(p for p in (f"{usage} depend on usage" if usage else "",
                                  f"{cost.price_not_found} price not found" if cost.price_not_found else "") if p)
    one_time = (f" + {money(cost.one_time_total_usd)} one-time" if cost.one_time_total_usd.high != "0.00" else "")
    if cost.not_estimated and cost.monthly_total_usd.high == "0.00":
        return f"not priced: {cost.not_estimated} of {components} components ({parts}){one_time}"
    text = f"{money(cost.monthly_total_usd)}/month priced ({cost.estimated} of {components} components){one_time}"
    if cost.not_estimated:
        text += f" + {cost.not_estimated} unpriced ({parts})"
    return text


def cache_text(cost: CostSection) -> str | None:
    c = cost.cache
    if c is None:
        return None
    saving = money(c.monthly_saving_usd) if c.monthly_saving_usd else "depends on usage"
    text = f"Cache: costs {money(c.monthly_cost_usd)}/month, saves {saving}/month"
    if c.payback_ratio is not None:
        p = c.payback_ratio
        text += f", pays for itself {p.low}x" if p.low == p.high else f", pays for itself {p.low}x - {p.high}x"
    return f"{text} ({c.note})"


def split_text(cost: CostSection) -> str | None:
    """The priced monthly total per account (root stack) and per cloud; None with a single account (the total
    says it all)."""
    if len(cost.monthly_by_stack_usd) < 2:
        return None
    stacks = ", ".join(f"{name} {money(a)}" for name, a in cost.monthly_by_stack_usd.items())
    clouds = ", ".join(f"{name} {money(a)}" for name, a in cost.monthly_by_cloud_usd.items())
    return f"Priced monthly by account: {stacks}; by cloud: {clouds}"
