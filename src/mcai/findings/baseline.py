"""Findings from the base-branch comparison: destroying or replacing what holds data or committed capacity is an
error; other replacements and removals are warnings (one per module call), so a reviewer sees them before apply."""

from __future__ import annotations

import re
from collections import defaultdict

from mcai.baseline.diff import ResourceChange
from mcai.diagnostics import Path
from mcai.findings import finding
from mcai.report.model import Finding
from mcai.spec import ValidSpec

CONSEQUENCE = {
    "stateful": "the data it holds is lost unless copied first",
    "committed": "its capacity or circuit is released (committed terms keep billing; callers fail meanwhile)",
}


def spec_path(dotted_path: str) -> Path:
    """`links[0].fallback` -> ('links', 0, 'fallback')."""
    return tuple(int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", dotted_path))


def baseline_findings(vspec: ValidSpec, changes: list[ResourceChange]) -> list[Finding]:
    out: list[Finding] = []
    minor: dict[tuple[str, str, str], list[ResourceChange]] = defaultdict(list)
    for c in changes:
        if c.action not in ("replace", "destroy"):
            continue
        if not c.dangerous:
            minor[(c.stack, c.spec_path, c.action)].append(c)
            continue
        what = "destroyed" if c.action == "destroy" else "replaced (destroyed, then created anew)"
        out.append(finding(vspec, f"baseline-{c.action}", "error",
                           f"stack '{c.stack}': {c.address} ({c.resource_class}) will be {what} compared with the "
                           f"baseline: {CONSEQUENCE[c.resource_class]}.", spec_path(c.spec_path)))
    for (stack, path, action), group in sorted(minor.items()):
        verb = "destroyed" if action == "destroy" else "replaced"
        names = ", ".join(c.address for c in group[:5]) + (f" and {len(group) - 5} more" if len(group) > 5 else "")
        out.append(finding(vspec, f"baseline-{action}", "warning",
                           f"stack '{stack}': {len(group)} resource(s) will be {verb} compared with the baseline: "
                           f"{names}.", spec_path(path)))
    return out
