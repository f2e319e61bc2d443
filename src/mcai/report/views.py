"""Human views of the report: a terminal table (rich) and PR-ready Markdown."""

from __future__ import annotations

from typing import TextIO

from mcai.report import identity_view, paths_view, retrieval_view
from mcai.report.cost import CostSection
from mcai.report.markdown import ack_text, severity_label
from mcai.report.model import Report


def markdown(report: Report, diagram: str | None = None) -> str:
    """PR-comment Markdown (see `report.markdown`): summary first, always under GitHub's comment limit."""
    from mcai.report.markdown import markdown as render

    return render(report, diagram)


def cost_view_summary(report: Report) -> str:
    from mcai.report import cost_view

    assert report.cost is not None
    return cost_view.summary(report.cost)


def table(report: Report, stream: TextIO) -> None:
    from rich.text import Text

    from mcai.report.terminal import SafeTable as Table
    from mcai.report.terminal import cell
    from mcai.report.terminal import console as terminal

    console = terminal(stream)
    s = report.summary
    console.print(Text.assemble(("mcai plan", "bold"), cell(
        f" {report.spec.name} ({report.spec.environment}): {s.stacks} stack(s), {s.resources} resources, "
        f"{len(report.findings)} finding(s)" + (f", cost {cost_view_summary(report)}" if report.cost else ""))))
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
    for ref in report.reference_data:
        console.print(cell(f"Reference data: {ref.name} as of {ref.as_of} ({ref.source}): {ref.used_for}"))
    retrieval_view.table(report, console)
    paths_view.table(report, console)
    if report.findings:
        findings = Table(title="Findings")
        for col in ("Severity", "Id", "Where", "Message"):
            findings.add_column(col)
        for f in report.findings:
            findings.add_row(severity_label(f), f.id, f.spec_path, f.message + ack_text(f))
        console.print(findings)
    else:
        console.print("Findings: none")
    if report.cost is not None:
        _cost_table(report.cost, console)
    files = ", ".join(f"{n} {status}" for status, n in s.files.items())
    console.print(f"Files: {files}")


def _cost_table(cost: CostSection, console) -> None:  # type: ignore[no-untyped-def]
    from mcai.report import cost_view
    from mcai.report.terminal import SafeTable as Table

    table_ = Table(title=f"Cost: {cost_view.summary(cost)}")
    for col in ("When", "Component", "Quantity", "Unit price", "Cost", "Source"):
        table_.add_column(col)
    for ln in cost.lines:
        table_.add_row("once" if ln.recurrence == "one_time" else "month", *cost_view.row(ln))
    console.print(table_)
    for extra in (cost_view.split_text(cost), cost_view.cache_text(cost)):
        if extra:
            console.print(extra)
