"""Findings engine: small pure rules over the derived topology (+ spec and usage), each yielding report findings.

A rule module registers its rules with `@finding_rule` and is imported in `RULE_MODULES` below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from mcai.diagnostics import Path, dotted
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.topology.model import Topology

if TYPE_CHECKING:
    from mcai.cost.lines import Estimate

FindingRule = Callable[[ValidSpec, Topology], Iterator[Finding]]
RULES: list[FindingRule] = []
# Rules that also read the cost estimate (for cost impacts); they run when the pipeline estimated costs.
CostRule = Callable[[ValidSpec, Topology, "Estimate"], Iterator[Finding]]
COST_RULES: list[CostRule] = []
RULE_MODULES: tuple[str, ...] = ("mcai.findings.azure_ptu", "mcai.findings.article", "mcai.findings.links",
                                 "mcai.findings.identity")


def finding_rule(fn: FindingRule) -> FindingRule:
    RULES.append(fn)
    return fn


def cost_rule(fn: CostRule) -> CostRule:
    COST_RULES.append(fn)
    return fn


def finding(vspec: ValidSpec, id: str, severity: str, message: str, path: Path = (),
            monthly_cost_impact_usd: str | None = None) -> Finding:
    """A finding located at a spec path (file:line:col when the path exists in the spec)."""
    loc = vspec.source.value(path) if path else None
    where = f"{vspec.filename}:{loc.line}:{loc.column}" if loc else None
    return Finding(id=id, severity=severity, message=message, spec_path=dotted(path),  # type: ignore[arg-type]
                   location=where, monthly_cost_impact_usd=monthly_cost_impact_usd)


def run(vspec: ValidSpec, topology: Topology, estimate: Estimate | None = None) -> list[Finding]:
    """Every rule's findings, sorted by severity (errors first), then id and path for stable output."""
    for name in RULE_MODULES:
        importlib.import_module(name)
    out = [f for rule in RULES for f in rule(vspec, topology)]
    if estimate is None:  # rules that report cost impacts need the estimate: use the default prices
        from mcai.cost import estimate_spec

        estimate = estimate_spec(vspec)
    out += [f for rule in COST_RULES for f in rule(vspec, topology, estimate)]
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(out, key=lambda f: (order[f.severity], f.id, f.spec_path, f.message))
