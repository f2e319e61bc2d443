"""Budget findings (one budget per account's stack): which estimate each budget's amount came from, and what the estimate could not price (the margin
has to cover it, or the budget alerts late)."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.cost.budgets import budget_amounts
from mcai.cost.lines import Estimate
from mcai.findings import cost_rule, finding
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.topology.model import Topology


@cost_rule
def budget_sources(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    spec = vspec.spec
    if spec.budgets is None:
        return
    stacks = tuple((s.name, s.cloud) for s in topology.workload_stacks)
    for stack, amount in budget_amounts(est, spec.budgets, stacks).items():
        yield finding(vspec, "budget-from-estimate", "info", f"{stack} budget: {amount.source}.", ("budgets",))
        if amount.unpriced_lines:
            yield finding(vspec, "budget-excludes-unpriced", "warning",
                          f"the {stack} budget (${amount.amount_usd:,}) leaves out {len(amount.unpriced_lines)} "
                          f"monthly cost line(s) the estimate could not price ({_by_reason(est, amount.unpriced_lines)}"
                          f"): the {amount.margin_percent}% margin must cover them", ("budgets", "margin_percent"))


REASONS = {"price_not_found": "price not found", "depends_on_usage": "depends on usage"}


def _by_reason(est: Estimate, ids: tuple[str, ...]) -> str:
    """Every line left out, named and grouped by why it is unpriced: "price not found: a, b; depends on usage: c"."""
    status = {ln.id: ln.status for ln in est.lines}
    groups: dict[str, list[str]] = {}
    for line_id in ids:
        groups.setdefault(REASONS.get(status.get(line_id, ""), "not priced"), []).append(line_id)
    return "; ".join(f"{reason}: {', '.join(names)}" for reason, names in groups.items())
