"""SARIF 2.1.0 view of the report, for code scanning: one rule per catalogued finding id, one result per finding,
located in the spec (file, line, column). Acknowledged findings carry an in-source suppression with the reason."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from mcai.report.model import Finding, Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    p = PurePath(path)
    return p.as_uri() if p.is_absolute() else p.as_posix()


def _region(f: Finding) -> dict[str, int] | None:
    if not f.location:
        return None
    _, line, col = f.location.rsplit(":", 2)
    return {"startLine": int(line), "startColumn": int(col)} if line.isdigit() and col.isdigit() else None


def _file(f: Finding) -> str | None:
    """The file of the finding's `file:line:col` location, if it has one."""
    if not f.location or _region(f) is None:
        return None
    return f.location.rsplit(":", 2)[0] or None


def sarif(report: Report) -> str:
    from mcai.finding_ids import registry

    catalogue = registry()
    ids = sorted({f.id for f in report.findings} | set(catalogue))
    rules = []
    for rid in ids:
        entry = catalogue.get(rid, {"title": rid, "meaning": rid, "fix": "", "severities": ["warning"]})
        rules.append({
            "id": rid, "name": "".join(w.capitalize() for w in rid.split("-")),
            "shortDescription": {"text": entry["title"]}, "fullDescription": {"text": entry["meaning"]},
            "help": {"text": f"{entry['meaning']}\n\nHow to fix: {entry['fix']}\n\nRun `mcai explain {rid}`."},
            "defaultConfiguration": {"level": LEVEL[entry["severities"][0]]},
        })
    index = {rid: i for i, rid in enumerate(ids)}
    results = []
    for f in report.findings:
        where = _file(f) or report.spec.file  # a value written in an imported file is located there
        location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": _uri(where)}}}
        region = _region(f)
        if region:
            location["physicalLocation"]["region"] = region
        if f.spec_path:
            location["logicalLocations"] = [{"fullyQualifiedName": f.spec_path, "kind": "member"}]
        result: dict[str, Any] = {
            "ruleId": f.id, "ruleIndex": index[f.id], "level": LEVEL[f.severity], "message": {"text": f.message},
            "locations": [location],
            "partialFingerprints": {"mcaiFinding/v1": f"{f.id}:{f.spec_path}"},
        }
        if f.acknowledgement is not None and f.acknowledgement.status == "active":
            result["suppressions"] = [{"kind": "inSource", "justification": f.acknowledgement.reason}]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mcai", "version": report.generator.split(" ", 1)[-1],
                                "rules": rules}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, indent=2) + "\n"
