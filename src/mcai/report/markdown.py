"""The PR-comment view of the report: summary first, then (with `--baseline`) the delta, findings, and per-stack
detail in collapsed sections. It always fits a GitHub comment: long tables stop after a number of rows with a count
and a pointer to the JSON report, and whole sections fold away (last first) if the text would still exceed
`LIMIT` characters."""

from __future__ import annotations

from mcai.escape import md_cell, md_code
from mcai.report import cost_view, identity_view, paths_view, retrieval_view
from mcai.report.cost import Amount, CostSection
from mcai.report.model import Finding, Report

LIMIT = 60_000  # GitHub refuses comments over 65,536 characters; keep room for a bot's own header
MAX_ROWS = 40
POINTER = "the JSON report (`mcai plan SPEC --format json`)"


def cell(text: str) -> str:
    """Text in a table cell or list item (`escape.md_cell`, the one cell escaper for reports and READMEs)."""
    return md_cell(text)


def markdown(report: Report, diagram: str | None = None) -> str:
    """PR-comment Markdown; `diagram` (Mermaid source) goes last, folded."""
    head = _summary(report)
    sections = [_baseline(report), _findings(report), _stacks(report), _cost(report), _links(report),
                _identity(report), retrieval_view.markdown(report), _paths(report), _files(report), _diagram(diagram)]
    sections = [s for s in sections if s]
    text = _join(head, sections)
    dropped: list[str] = []
    while len(text) > LIMIT and sections:  # fold whole sections away, the least important (last) first
        title = sections.pop()[0]
        dropped.insert(0, title.lstrip("#").strip().split("<")[0].strip())
        note = [f"_Omitted to fit a PR comment ({LIMIT:,} characters): {', '.join(dropped)}; see {POINTER}._"]
        text = _join(head, sections + [note])
    if len(text) > LIMIT:  # the summary alone is never this long; guard anyway
        text = text[:LIMIT - 200].rsplit("\n", 1)[0] + f"\n\n_Truncated; see {POINTER}._\n"
    return text


def _join(head: list[str], sections: list[list[str]]) -> str:
    lines = list(head)
    for section in sections:
        lines += [""] + section
    return "\n".join(lines) + "\n"


def _rows(rows: list[str], what: str) -> list[str]:
    """At most MAX_ROWS table rows, then a count of the rest and where to find them."""
    if len(rows) <= MAX_ROWS:
        return rows
    return rows[:MAX_ROWS] + ["", f"_{len(rows) - MAX_ROWS} more {what} not shown; see {POINTER}._"]


def _fold(summary: str, body: list[str]) -> list[str]:
    return [f"<details><summary>{summary}</summary>", ""] + body + ["", "</details>"]


def _summary(report: Report) -> list[str]:
    s = report.summary
    files = ", ".join(f"{n} {status}" for status, n in s.files.items()) or "no files"
    severities = ", ".join(f"{n} {sev}" for sev, n in s.findings.items()) or "none"
    line = (f"**{s.stacks} stack(s), {s.resources} resources, {len(report.findings)} finding(s)"
            + (f", cost {cost_view.summary(report.cost)}" if report.cost else "") + f".** Files: {files}. "
            f"Control plane: {report.spec.control_plane}.")
    out = [f"## mcai plan: {report.spec.name} ({report.spec.environment})", "", line, "",
           f"Findings: {severities}" + (f" ({s.acknowledged} acknowledged)" if s.acknowledged else "") + "."]
    gate = report.gate
    if gate is not None and gate.conditions:
        out += ["", f"**Gate: exit {gate.exit_code}** - " + "; ".join(c.message for c in gate.conditions) + "."]
    return out


def _baseline(report: Report) -> list[str]:
    b = report.baseline
    if b is None:
        return []
    out = ["### Changes against the baseline", "", f"Compared with {md_code(b.directory)}" +
           (f" ({b.generator})" if b.generator else "") + ", from the manifests; terraform was not run."]
    if b.note:
        out += ["", cell(b.note)]
    if not b.changes:
        return out + ["", "No resource changes."]
    out += ["", "| Stack | Create | Change | Replace | Destroy |", "|---|---|---|---|---|"]
    for stack, per in b.counts.items():
        out.append(f"| `{stack}` | " + " | ".join(str(per.get(a, 0)) for a in ("create", "change", "replace",
                                                                                 "destroy")) + " |")
    danger = [c for c in b.changes if c.action in ("replace", "destroy")]
    if danger:
        out += ["", "| Action | Stack | Resource | Holds |", "|---|---|---|---|"]
        out += _rows([f"| **{c.action}** | `{c.stack}` | {md_code(c.address)} | {c.resource_class or '-'} |"
                      for c in danger], "replacements or destructions")
    rest = [f"| {c.action} | `{c.stack}` | {md_code(c.address)} |" for c in b.changes
            if c.action in ("create", "change")]
    if rest:
        out += [""] + _fold(f"{len(rest)} resource(s) created or changed in place",
                            ["| Action | Stack | Resource |", "|---|---|---|"] + _rows(rest, "resources"))
    return out


def severity_label(f: Finding) -> str:
    if f.acknowledgement is None:
        return f.severity
    return f"{f.severity} ({'acknowledgement expired' if f.acknowledgement.status == 'expired' else 'acknowledged'})"


def ack_text(f: Finding) -> str:
    a = f.acknowledgement
    if a is None:
        return ""
    until = f" until {a.expires}" if a.expires else ""
    state = "Acknowledgement EXPIRED" if a.status == "expired" else "Acknowledged"
    return f" {state}{until} ({a.location}): {a.reason}"


def _findings(report: Report) -> list[str]:
    if not report.findings:
        return ["### Findings", "", "No findings."]
    rows = [f"| {severity_label(f)} | `{f.id}` | {md_code(f.location or f.spec_path)} | {_impact(f)} | {cell(f.message + ack_text(f))} |"
            for f in report.findings]
    return ["### Findings", "", "`mcai explain ID` says what a finding means and how to fix it.", "",
            "| Severity | Id | Where | Monthly impact | Message |", "|---|---|---|---|---|"] + _rows(rows, "findings")


def _impact(f: Finding) -> str:
    v = f.monthly_cost_impact_usd
    return cost_view.money(Amount(low=v, high=v)) if v else "-"


def _stacks(report: Report) -> list[str]:
    out = ["### Stacks", "", "| # | Stack | Cloud | Account | Resources | Required inputs |", "|---|---|---|---|---|---|"]
    for st in report.stacks:
        inputs = ", ".join(f"`{i}`" for i in st.required_inputs) or "none"
        out.append(f"| {st.apply_order} | `{st.directory}` | {st.cloud} | {st.account} | {st.resource_count} | "
                   f"{inputs} |")
    for st in report.stacks:
        rows = [f"| `{t}` | {n} |" for t, n in st.resources_by_type.items()]
        out += [""] + _fold(f"<code>{st.name}</code>: {st.resource_count} resources of {len(rows)} types",
                            ["| Type | Count |", "|---|---|"] + _rows(rows, "resource types"))
    return out


def _cost(report: Report) -> list[str]:
    cost = report.cost
    if cost is None:
        return ["### Cost", "", "Not estimated."]
    out = ["### Cost", "", f"**Estimated cost: {cost_view.summary(cost)}.** Token prices: {cost.token_prices}; "
           f"catalogs: {'; '.join(cost.price_catalogs)}. Assumptions: {', '.join(cost.assumptions)}."]
    for extra in (cost_view.split_text(cost), cost_view.cache_text(cost)):
        if extra:
            out += ["", extra]  # account names are slugs; the rest is mcai's own text
    return out + [""] + _fold(f"{len(cost.lines)} cost components", _cost_tables(cost))


def _cost_tables(cost: CostSection) -> list[str]:
    out: list[str] = []
    for recurrence, title in (("monthly", "Monthly"), ("one_time", "One-time")):
        rows = [ln for ln in cost.lines if ln.recurrence == recurrence]
        if not rows:
            continue
        out += [f"| {title} component | Quantity | Unit price | Cost | Source |", "|---|---|---|---|---|"]
        out += _rows(["| " + " | ".join(cell(c) for c in cost_view.row(ln)) + " |" for ln in rows], "components")
        total = cost.monthly_total_usd if recurrence == "monthly" else cost.one_time_total_usd
        out += [f"| **Total {title.lower()}** | | | **{cost_view.money(total)}** | |", ""]
    if cost.notes:
        out += ["Price notes:", ""] + [f"- {cell(n)}" for n in cost.notes]
    return out


def _links(report: Report) -> list[str]:
    if not report.links:
        return []
    rows = [f"| {'-'.join(k.between)} | {k.via} | {cell(k.path)} | "
            f"{f'{k.bandwidth_mbps} Mbps' if k.bandwidth_mbps else '-'} | {k.latency_class} | {k.fallback} | "
            f"{cell(', '.join(k.fixed_monthly_components))} |" for k in report.links]
    return ["### Links", "", "| Between | Via | Path | Bandwidth | Latency | Fallback | Fixed monthly fees |",
            "|---|---|---|---|---|---|---|"] + rows


def _identity(report: Report) -> list[str]:
    lines = identity_view.markdown(report)
    refs = [f"Reference data: `{cell(r.name)}` as of {cell(r.as_of)} ({cell(r.source)}): {cell(r.used_for)}"
            for r in report.reference_data]
    if not lines:
        return ["### Identity", "", *refs] if refs else []
    title, body = lines[1], lines[3:]
    return [title, "", *refs, *([""] if refs else [])] + _fold(
        f"{len(identity_view.federated(report))} federated trust edge(s)", body)


def _paths(report: Report) -> list[str]:
    lines = paths_view.markdown(report)
    if not lines:
        return []
    title, body = lines[1], lines[3:]
    return [title, ""] + _fold(f"{len(report.paths)} use(s), each with a complete identity and network path", body)


def _files(report: Report) -> list[str]:
    changed = [f for f in report.files if f.status != "unchanged"]
    if not changed:
        return ["### Files", "", "No file changes."]
    rows = [f"- {f.status}: {md_code(f.path)}" for f in changed]
    return ["### Files", ""] + _fold(f"{len(changed)} files added, changed, removed or foreign", _rows(rows, "files"))


def _diagram(diagram: str | None) -> list[str]:
    if not diagram:
        return []
    return ["### Topology", ""] + _fold("Mermaid diagram", ["```mermaid", diagram.rstrip("\n"), "```"])
