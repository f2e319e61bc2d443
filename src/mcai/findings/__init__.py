"""Findings engine: small pure rules over the derived topology (+ spec and usage), each yielding report findings.

A rule module registers its rules with `@finding_rule` and is imported in `RULE_MODULES` below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from mcai.diagnostics import Path, dotted
from mcai.report.model import AcknowledgementInfo, Finding
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
                                 "mcai.findings.commitments", "mcai.findings.lifecycle", "mcai.findings.retrieval",
                                 "mcai.findings.budgets", "mcai.findings.audit",
                                 "mcai.findings.ci_trust")


def finding_rule(fn: FindingRule) -> FindingRule:
    RULES.append(fn)
    return fn


def cost_rule(fn: CostRule) -> CostRule:
    COST_RULES.append(fn)
    return fn


def finding(vspec: ValidSpec, id: str, severity: str, message: str, path: Path = (),
            monthly_cost_impact_usd: str | None = None) -> Finding:
    """A finding located at a spec path (file:line:col when the path exists in the spec). Its id and severity must be
    catalogued (`src/mcai/data/findings.yaml`), so `mcai explain` and acknowledgements know every finding."""
    from mcai.finding_ids import registry

    entry = registry().get(id)
    if entry is None or severity not in entry["severities"]:
        raise ValueError(f"finding {id!r} ({severity}) is not catalogued in src/mcai/data/findings.yaml")
    loc = vspec.source.value(path) if path else None
    where = loc.format(vspec.filename) if loc else None
    return Finding(id=id, severity=severity, message=message, spec_path=dotted(path),  # type: ignore[arg-type]
                   location=where, monthly_cost_impact_usd=monthly_cost_impact_usd)


def run(vspec: ValidSpec, topology: Topology, estimate: Estimate | None = None,
        previous: dict[str, str] | None = None, today: date | None = None,
        extra: list[Finding] | None = None) -> list[Finding]:
    """Every rule's findings, sorted by severity (errors first), then id and path for stable output.

    `previous` is the last output's `replaced_on_change` (see the manifest): values that changed since mean
    Terraform will replace the resource, an error-level finding."""
    for name in RULE_MODULES:
        importlib.import_module(name)
    out = [f for rule in RULES for f in rule(vspec, topology)]
    if estimate is None:  # rules that report cost impacts need the estimate: use the default prices
        from mcai.cost import estimate_spec

        estimate = estimate_spec(vspec)
    out += [f for rule in COST_RULES for f in rule(vspec, topology, estimate)]
    out += replacements(vspec, topology, previous)
    out += extra or []  # findings made elsewhere (the baseline comparison), acknowledged like the rest
    return acknowledge(vspec, out, today or date.today())


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def ordered(found: list[Finding]) -> list[Finding]:
    """Errors first, then id and path: stable output."""
    return sorted(found, key=lambda f: (SEVERITY_ORDER[f.severity], f.id, f.spec_path, f.message))


def acknowledge(vspec: ValidSpec, found: list[Finding], today: date) -> list[Finding]:
    """Attach the spec's acknowledgements (id + exact spec path) to the findings they name; an acknowledgement that
    matches nothing becomes an info finding, so stale ones are noticed."""
    out: list[Finding] = []
    used: set[int] = set()
    acks = list(enumerate(vspec.spec.acknowledgements))
    for f in found:
        match = next(((i, a) for i, a in acks if a.id == f.id and a.path == f.spec_path), None)
        if match is None:
            out.append(f)
            continue
        i, ack = match
        used.add(i)
        loc = vspec.source.value(("acknowledgements", i))
        info = AcknowledgementInfo(
            reason=ack.reason, expires=ack.expires.isoformat() if ack.expires else None,
            location=loc.format(vspec.filename) if loc else None,
            status="expired" if ack.expires is not None and ack.expires < today else "active")
        out.append(f.model_copy(update={"acknowledgement": info}))
    for i, ack in acks:
        if i not in used:
            out.append(finding(vspec, "acknowledgement-unused", "info",
                               f"acknowledgement of '{ack.id}' at '{ack.path}' matches no finding in this plan; "
                               "remove it or correct its path", ("acknowledgements", i)))
    return ordered(out)


# What each replacement-forcing value is, by the end of its spec path: (finding id, what changes, consequence).
REPLACED = {
    "deployment.type": ("azure-deployment-replaced", "the deployment type",
                        "Terraform will destroy and recreate the deployment (calls to it fail meanwhile; released PTUs "
                        "may not be available again)"),
}
GENERIC = ("replaced-on-apply", "a value that forces replacement", "Terraform will destroy and recreate the resource")


def replacements(vspec: ValidSpec, topology: Topology, previous: dict[str, str] | None) -> list[Finding]:
    """An error per replacement-forcing value (`Topology.replaced_on_change`) that differs from the previous
    output's, located at the spec path that sets it."""
    if not previous:
        return []
    out = []
    for path, value in sorted(topology.replaced_on_change.items()):
        before = previous.get(path)
        if before is None or before == value:
            continue
        parts = tuple(path.split("."))
        id_, what, why = next((v for suffix, v in REPLACED.items() if path.endswith(suffix)), GENERIC)
        out.append(finding(vspec, id_, "error", f"{parts[1]}: {what} changes from {before} to {value}; {why}",
                           parts))
    return out
