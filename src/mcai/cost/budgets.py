"""Budgets' amounts (pure): per account (root stack), the estimate's priced monthly subtotal for that account (its
high end) plus the spec's margin, rounded up to whole dollars. Lines the estimate could not price are not in the subtotal: they are listed, so the
report can say the margin has to cover them. One-time costs (a training copy) are never in a monthly budget."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from mcai.cost.lines import Estimate
from mcai.cost.money import Span, total
from mcai.spec.budgets import Budgets


@dataclass(frozen=True)
class BudgetAmount:
    stack: str  # the account's root stack (`aws-workloads`; `aws` for a cloud of one account)
    cloud: str
    priced: Span  # the account's priced monthly subtotal
    priced_lines: tuple[str, ...]  # ids of the lines in it
    unpriced_lines: tuple[str, ...]  # ids of the account's monthly lines left out (depends on usage, price not found)
    margin_percent: int
    amount_usd: int  # what the budget is set to
    minimum_used: bool  # the subtotal plus margin was below the spec's minimum

    @property
    def source(self) -> str:
        """One sentence: which estimate the amount came from (the budget's description and the report say it)."""
        base = (f"{self.stack} priced monthly subtotal ${self.priced.high:,.2f} ({len(self.priced_lines)} line(s)) "
                f"+ {self.margin_percent}% margin")
        if self.minimum_used:
            base += f", raised to the spec's minimum ${self.amount_usd:,}"
        left_out = (f"; {len(self.unpriced_lines)} unpriced line(s) not included" if self.unpriced_lines
                    else "; every monthly line is priced")
        return f"${self.amount_usd:,} a month = {base}{left_out}"


def budget_amounts(estimate: Estimate, budgets: Budgets,
                   stacks: tuple[tuple[str, str], ...]) -> dict[str, BudgetAmount]:
    """The amount for each account's stack (`stacks`: (stack, cloud) pairs, e.g. from `spec.accounts.account_stacks`),
    keyed by stack, in the order given."""
    out = {}
    for stack, cloud in stacks:
        lines = estimate.for_stack(stack)
        counted = [ln for ln in lines if ln.counted and ln.cost is not None]
        priced = total([ln.cost for ln in counted if ln.cost is not None])
        with_margin = priced.high * (1 + Decimal(budgets.margin_percent) / 100)
        amount = int(with_margin.to_integral_value(rounding=ROUND_CEILING))
        out[stack] = BudgetAmount(
            stack=stack, cloud=cloud, priced=priced, priced_lines=tuple(ln.id for ln in counted),
            unpriced_lines=tuple(ln.id for ln in lines if not ln.counted), margin_percent=budgets.margin_percent,
            amount_usd=max(amount, budgets.minimum_monthly_usd), minimum_used=amount < budgets.minimum_monthly_usd)
    return out
