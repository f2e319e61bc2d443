"""The retrieval section of the report views: one row per retrieval store with its documents, embedding model,
index, the workloads that query it and what it costs (monthly, and once for the first ingestion)."""

from __future__ import annotations

from typing import Any

from mcai.escape import md_cell
from mcai.report.cost_view import money
from mcai.report.model import Report, RetrievalInfo

HEAD = ("Store", "Documents", "Embedding model", "Index", "Readers", "Monthly", "First ingestion")


def _row(r: RetrievalInfo) -> tuple[str, ...]:
    unpriced = f" (+{r.unpriced} unpriced)" if r.unpriced else ""
    return (f"{r.key} ({r.service}, {r.cloud})", r.documents, f"{r.embedding_model} ({r.dimensions} dimensions)",
            r.index, ", ".join(r.readers) or "none", money(r.monthly_cost_usd) + unpriced,
            money(r.one_time_cost_usd))


def markdown(report: Report) -> list[str]:
    if not report.retrieval:
        return []
    lines = ["### Retrieval", "", "| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    lines += ["| " + " | ".join(md_cell(c) for c in _row(r)) + " |" for r in report.retrieval]
    return lines


def table(report: Report, console: Any) -> None:
    if not report.retrieval:
        return
    from mcai.report.terminal import SafeTable as Table

    t = Table(title="Retrieval stores")
    for col in HEAD:
        t.add_column(col, overflow="fold")
    for r in report.retrieval:
        t.add_row(*_row(r))
    console.print(t)
