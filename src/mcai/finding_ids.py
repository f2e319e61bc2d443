"""The catalogue of finding ids (`src/mcai/data/findings.yaml`): what each means and how to fix it.

Light on purpose (YAML only): `mcai explain` and the spec's acknowledgement check read it without loading rules.
"""

from __future__ import annotations

import textwrap
from typing import Any

from mcai.catalog import load

SEVERITY_MEANING = {
    "error": "applying as planned will break something or destroy data or committed capacity",
    "warning": "costs money or carries a risk someone should decide on",
    "info": "worth knowing; never gates",
}


def registry() -> dict[str, dict[str, Any]]:
    findings: dict[str, dict[str, Any]] = load("findings")["findings"]
    return findings


def ids() -> list[str]:
    return sorted(registry())


def explain(finding_id: str, width: int = 100) -> str:
    """What a finding means and how to fix it, as plain text (KeyError for an unknown id)."""
    entry = registry()[finding_id]
    severities = ", ".join(entry["severities"])
    wrap = textwrap.TextWrapper(width=width, initial_indent="  ", subsequent_indent="  ")
    return "\n".join([
        f"{finding_id}: {entry['title']}",
        f"severity: {severities} ({'; '.join(f'{s}: {SEVERITY_MEANING[s]}' for s in entry['severities'])})",
        "", "What it means:", wrap.fill(entry["meaning"]),
        "", "How to fix it:", wrap.fill(entry["fix"]),
        "", "To accept it, acknowledge it in the spec:",
        "  acknowledgements:",
        f"    - {{id: {finding_id}, path: <the finding's spec path>, reason: \"...\", expires: YYYY-MM-DD}}",
    ]) + "\n"
