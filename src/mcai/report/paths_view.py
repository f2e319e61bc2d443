"""The paths section of the report views: one row per use (a workload calling a model, using a data store or the
cache, or moving a flow) with its identity chain, network path, the DNS name the caller resolves, the step from which
it works and what its cross-cloud traffic costs.
mcai refuses a spec with a broken path, so every row here is complete."""

from __future__ import annotations

from typing import Any

from mcai.report.model import PathInfo, Report


def markdown(report: Report) -> list[str]:
    if not report.paths:
        return []
    lines = ["", "### Paths", "",
             "Every use with its identity path and network path (DNS included); each works from the step shown. "
             "Besides workloads, services' own principals are users too: a retrieval store's ingestion, and each "
             "transfer that lands a cloud's audit logs in the control plane's log store.", "",
             "| Who | Uses | Network | DNS name | Works after | Egress | Identity chain |",
             "|---|---|---|---|---|---|---|"]
    for p in report.paths:
        lines.append(f"| {p.workload} | {_md(p.uses)} ({p.cloud}) | {p.network}: {_md(p.network_path)} | "
                     f"`{_md(p.dns_name)}` | {_md(p.works_after)} | {egress(p)} | "
                     f"{'<br>'.join(_md(h) for h in p.identity)} |")
    prerequisites = sorted({q for p in report.paths for q in p.prerequisites})
    if prerequisites:
        lines += ["", "Prerequisites:", ""] + [f"- {_md(q)}" for q in prerequisites]
    return lines


def egress(p: PathInfo) -> str:
    """What this use's cross-cloud traffic costs: priced amounts, or which lines are unpriced, or '-' (none)."""
    from mcai.report.cost_view import money

    parts = [f"{money(p.egress_monthly_usd)}/month"] if p.egress_monthly_usd else []
    parts += [f"{money(p.egress_one_time_usd)} one-time"] if p.egress_one_time_usd else []
    if p.egress and not parts:
        parts = ["unpriced (" + ", ".join(p.egress) + ")"]
    return " + ".join(parts) or "-"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(report: Report, console: Any) -> None:
    if not report.paths:
        return
    from mcai.report.terminal import SafeTable as Table

    t = Table(title="Paths (every use: identity and network, proven)")
    for col in ("Who", "Uses", "Network / DNS", "Works after", "Egress", "Identity chain"):
        t.add_column(col, overflow="fold")
    for p in report.paths:
        t.add_row(p.workload, f"{p.uses} ({p.cloud})", f"{p.network}: {p.network_path}\n{p.dns_name}",
                  p.works_after, egress(p), "\n".join(p.identity))
    console.print(t)
