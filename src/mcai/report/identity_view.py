"""The identity section of the report views: for each workload and each cloud it reaches through federation, the
token it presents (issuer, subject, audience), the principal it becomes and exactly what that principal may do.
Written for a security reviewer reading a pull request: one block per edge, permissions one per line."""

from __future__ import annotations

from typing import Any

from mcai.escape import md_code, md_text
from mcai.report.model import Report, TrustEdgeInfo


def federated(report: Report) -> list[TrustEdgeInfo]:
    """Edges where a token from an issuer is exchanged: every cross-cloud edge, and an AKS workload's own managed
    identity (its cluster's issuer, trusted by Entra ID in the same cloud)."""
    return [e for e in report.trust_edges if e.from_cloud != e.to_cloud or e.issuer]


def markdown(report: Report) -> list[str]:
    edges = federated(report)
    if not edges:
        return []
    lines = ["", "### Identity", "",
             "Workload identity federation: short-lived tokens only, no key or secret exists on any side.", ""]
    for e in edges:
        lines += [f"**{md_text(e.workload)}** ({e.from_cloud} -> {e.to_cloud}, {md_code(e.mechanism)})", "",
                  f"- Issuer: {md_code(e.issuer)}", f"- Subject: {md_code(e.subject)}",
                  f"- Audience: {md_code(e.audience)}", f"- Principal: {md_code(e.principal)}", "- Permissions:"]
        lines += [f"  - {_md(p)}" for p in e.permissions]
        lines.append("")
    return lines[:-1]


def _md(text: str) -> str:
    return md_text(text)


def table(report: Report, console: Any) -> None:
    edges = federated(report)
    if not edges:
        return
    from mcai.report.terminal import SafeTable as Table

    t = Table(title="Identity (workload identity federation, no stored keys)")
    for col in ("Workload", "To", "Token (issuer / subject / audience)", "Principal", "Permissions"):
        t.add_column(col, overflow="fold")  # never truncate an issuer or a permission
    for e in edges:
        t.add_row(e.workload, e.to_cloud, f"{e.issuer}\n{e.subject}\n{e.audience}", e.principal,
                  "\n".join(e.permissions))
    console.print(t)
