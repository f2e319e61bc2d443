"""Human views of the report: a terminal table (rich) and PR-ready Markdown."""

from __future__ import annotations

from typing import TextIO

from mcai.report.model import Report


def markdown(report: Report) -> str:
    s = report.summary
    files = ", ".join(f"{n} {status}" for status, n in s.files.items()) or "no files"
    lines = [
        f"## mcai plan: {report.spec.name} ({report.spec.environment})",
        "",
        f"**{s.stacks} stack(s), {s.resources} resources, {len(report.findings)} finding(s).** Files: {files}. "
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
    lines += ["", "### Findings", ""]
    if report.findings:
        lines += ["| Severity | Id | Where | Message |", "|---|---|---|---|"]
        lines += [f"| {f.severity} | `{f.id}` | `{f.spec_path}` | {_cell(f.message)} |" for f in report.findings]
    else:
        lines.append("No findings.")
    lines += ["", "### Cost", "", "Not estimated yet." if report.cost is None else "See the JSON report."]
    changed = [f for f in report.files if f.status != "unchanged"]
    lines += ["", "### Files", ""]
    lines += [f"- {f.status}: `{f.path}`" for f in changed] if changed else ["No file changes."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(report: Report, stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, highlight=False, soft_wrap=False, width=120)
    s = report.summary
    console.print(f"[bold]mcai plan[/bold] {report.spec.name} ({report.spec.environment}): {s.stacks} stack(s), "
                  f"{s.resources} resources, {len(report.findings)} finding(s)")
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
    if report.findings:
        findings = Table(title="Findings")
        for col in ("Severity", "Id", "Where", "Message"):
            findings.add_column(col)
        for f in report.findings:
            findings.add_row(f.severity, f.id, f.spec_path, f.message)
        console.print(findings)
    else:
        console.print("Findings: none")
    console.print("Cost: not estimated yet" if report.cost is None else "Cost: see --format json")
    files = ", ".join(f"{n} {status}" for status, n in s.files.items())
    console.print(f"Files: {files}")
