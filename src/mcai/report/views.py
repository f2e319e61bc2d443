"""Human views of the report: a terminal table (rich) and PR-ready Markdown."""

from __future__ import annotations

from typing import TextIO

from mcai.report import identity_view
from mcai.report.cost import Amount, CostSection
from mcai.report.model import Finding, Report


def markdown(report: Report, diagram: str | None = None) -> str:
    """PR-comment Markdown; `diagram` (Mermaid source) is appended as a mermaid block."""
    s = report.summary
    files = ", ".join(f"{n} {status}" for status, n in s.files.items()) or "no files"
    lines = [
        f"## mcai plan: {report.spec.name} ({report.spec.environment})",
        "",
        f"**{s.stacks} stack(s), {s.resources} resources, {len(report.findings)} finding(s)"
        + (f", {_summary_cost(report)}" if report.cost else "") + f".** Files: {files}. "
        f"Control plane: {report.spec.control_plane}.",
        "",
        "### Stacks",
        "",
        "| # | Stack | Cloud | Account | Resources | Required inputs |",
        "|---|---|---|---|---|---|",
    ]
    for st in report.stacks:
        inputs = ", ".join(f"`{i}`" for i in st.required_inputs) or "none"
        lines.append(f"| {st.apply_order} | `{st.directory}` | {st.cloud} | {st.account} | {st.resource_count} | "
                     f"{inputs} |")
    lines += ["", "### Resources per type", "", "| Stack | Type | Count |", "|---|---|---|"]
    for st in report.stacks:
        lines += [f"| `{st.name}` | `{t}` | {n} |" for t, n in st.resources_by_type.items()]
    if report.links:  # private links: path, bandwidth, latency class, fixed monthly fees (priced under Cost)
        lines += ["", "### Links", "", "| Between | Via | Path | Bandwidth | Latency | Fallback | Fixed monthly fees |",
                  "|---|---|---|---|---|---|---|"]
        lines += [f"| {'-'.join(k.between)} | {k.via} | {_cell(k.path)} | "
                  f"{f'{k.bandwidth_mbps} Mbps' if k.bandwidth_mbps else '-'} | {k.latency_class} | {k.fallback} | "
                  f"{_cell(', '.join(k.fixed_monthly_components))} |" for k in report.links]
    lines += identity_view.markdown(report)
    lines += ["", "### Findings", ""]
    from mcai.report import cost_view

    if report.findings:
        lines += ["| Severity | Id | Where | Monthly impact | Message |", "|---|---|---|---|---|"]
        lines += [f"| {_severity(f)} | `{f.id}` | `{f.location or f.spec_path}` | "
                  f"{cost_view.money(Amount(low=f.monthly_cost_impact_usd, high=f.monthly_cost_impact_usd)) if f.monthly_cost_impact_usd else '-'} | "
                  f"{_cell(f.message + _ack_text(f))} |" for f in report.findings]
    else:
        lines.append("No findings.")
    lines += ["", "### Cost", ""] + (_cost_markdown(report.cost) if report.cost else ["Not estimated."])
    changed = [f for f in report.files if f.status != "unchanged"]
    lines += ["", "### Files", ""]
    if not changed:
        lines.append("No file changes.")
    elif len(changed) <= 10:
        lines += [f"- {f.status}: `{f.path}`" for f in changed]
    else:  # a first render lists every file: fold it so the PR comment stays readable
        lines += [f"<details><summary>{len(changed)} files added, changed or removed</summary>", ""]
        lines += [f"- {f.status}: `{f.path}`" for f in changed] + ["", "</details>"]
    if diagram:
        lines += ["", "### Topology", "", "```mermaid", diagram.rstrip("\n"), "```"]
    return "\n".join(lines) + "\n"


def _cost_markdown(cost: CostSection) -> list[str]:
    from mcai.report import cost_view

    out = [f"**Estimated cost: {cost_view.summary(cost)}.** Token prices: {cost.token_prices}; catalogs: "
           f"{'; '.join(cost.price_catalogs)}. Assumptions: {', '.join(cost.assumptions)}.", ""]
    for recurrence, title in (("monthly", "Monthly"), ("one_time", "One-time")):
        rows = [ln for ln in cost.lines if ln.recurrence == recurrence]
        if not rows:
            continue
        out += [f"| {title} component | Quantity | Unit price | Cost | Source |", "|---|---|---|---|---|"]
        out += ["| " + " | ".join(_cell(c) for c in cost_view.row(ln)) + " |" for ln in rows]
        total = cost.monthly_total_usd if recurrence == "monthly" else cost.one_time_total_usd
        out += [f"| **Total {title.lower()}** | | | **{cost_view.money(total)}** | |", ""]
    cache = cost_view.cache_text(cost)
    if cache:
        out += [cache, ""]
    if cost.notes:
        out += ["<details><summary>Price notes</summary>", ""] + [f"- {_cell(n)}" for n in cost.notes] + \
               ["", "</details>"]
    return out


def _summary_cost(report: Report) -> str:
    from mcai.report import cost_view

    assert report.cost is not None
    return "cost " + cost_view.summary(report.cost)


def cost_view_summary(report: Report) -> str:
    from mcai.report import cost_view

    assert report.cost is not None
    return cost_view.summary(report.cost)


def _severity(f: Finding) -> str:
    if f.acknowledgement is None:
        return f.severity
    return f"{f.severity} ({'acknowledgement expired' if f.acknowledgement.status == 'expired' else 'acknowledged'})"


def _ack_text(f: Finding) -> str:
    a = f.acknowledgement
    if a is None:
        return ""
    until = f" until {a.expires}" if a.expires else ""
    state = "Acknowledgement EXPIRED" if a.status == "expired" else "Acknowledged"
    return f" {state}{until} ({a.location}): {a.reason}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(report: Report, stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, highlight=False, soft_wrap=False, width=120)
    s = report.summary
    console.print(f"[bold]mcai plan[/bold] {report.spec.name} ({report.spec.environment}): {s.stacks} stack(s), "
                  f"{s.resources} resources, {len(report.findings)} finding(s)"
                  + (f", cost {cost_view_summary(report)}" if report.cost else ""))
    stacks = Table(title="Stacks (apply order)")
    for col in ("#", "Stack", "Cloud", "Account", "Modules", "Resources", "Required inputs"):
        stacks.add_column(col)
    for st in report.stacks:
        stacks.add_row(str(st.apply_order), st.directory, st.cloud, st.account, str(len(st.modules)),
                       str(st.resource_count), ", ".join(st.required_inputs) or "-")
    console.print(stacks)
    types = Table(title="Resources per type")
    for col in ("Stack", "Type", "Count"):
        types.add_column(col)
    for st in report.stacks:
        for t, n in st.resources_by_type.items():
            types.add_row(st.name, t, str(n))
    console.print(types)
    if report.links:
        links = Table(title="Links")
        for col in ("Between", "Via", "Bandwidth", "Latency", "Fallback", "Fixed monthly fees"):
            links.add_column(col)
        for k in report.links:
            links.add_row("-".join(k.between), k.via, f"{k.bandwidth_mbps} Mbps" if k.bandwidth_mbps else "-",
                          k.latency_class, k.fallback, ", ".join(k.fixed_monthly_components))
        console.print(links)
    identity_view.table(report, console)
    if report.findings:
        findings = Table(title="Findings")
        for col in ("Severity", "Id", "Where", "Message"):
            findings.add_column(col)
        for f in report.findings:
            findings.add_row(_severity(f), f.id, f.spec_path, f.message + _ack_text(f))
        console.print(findings)
    else:
        console.print("Findings: none")
    if report.cost is not None:
        _cost_table(report.cost, console)
    files = ", ".join(f"{n} {status}" for status, n in s.files.items())
    console.print(f"Files: {files}")


def _cost_table(cost: CostSection, console) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    from mcai.report import cost_view

    table_ = Table(title=f"Cost: {cost_view.summary(cost)}")
    for col in ("When", "Component", "Quantity", "Unit price", "Cost", "Source"):
        table_.add_column(col)
    for ln in cost.lines:
        table_.add_row("once" if ln.recurrence == "one_time" else "month", *cost_view.row(ln))
    console.print(table_)
    cache = cost_view.cache_text(cost)
    if cache:
        console.print(cache)
