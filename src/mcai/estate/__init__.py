"""Estates: several specs checked as a whole (`mcai validate/plan A.yaml B.yaml` or a directory).

`estate.rules` and `estate.names` hold the checks; this module finds the specs of a directory and runs the checks
over specs that are each valid already.
"""

from __future__ import annotations

import os
from pathlib import Path

from mcai.diagnostics import Diagnostic, Location, SpecError
from mcai.estate import names as _names  # noqa: F401  (registers the duplicate-name rule)
from mcai.estate.rules import Member, check

__all__ = ["Member", "check", "expand", "tagged"]

SUFFIXES = (".yaml", ".yml")


def expand(paths: list[Path]) -> list[Path]:
    """The spec files named: files as given, directories searched for YAML files (hidden entries skipped), minus
    files another one imports (a shared base is not a spec of its own). Sorted, each once."""
    from mcai.spec import read_spec_text, resolve_text

    found: list[Path] = []
    listed: set[str] = set()
    for path in paths:
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts))
        else:
            candidates = [path]
        for c in candidates:
            if os.path.realpath(c) not in listed:
                listed.add(os.path.realpath(c))
                found.append(c)
    imported: set[str] = set()
    problems: list[Diagnostic] = []
    for spec in found:
        try:
            text, name, directory = read_spec_text(spec)
            resolved = resolve_text(text, name, directory)
        except SpecError as exc:
            problems += tagged(exc)
            continue
        imported |= {os.path.realpath(directory / rel) for rel, _ in resolved.files}
    if problems:
        raise SpecError("estate", problems)
    return [p for p in found if os.path.realpath(p) not in imported]


def tagged(exc: SpecError) -> list[Diagnostic]:
    """A spec's problems, each naming its file (so several specs' problems can be listed together)."""
    out = []
    for d in exc.diagnostics:
        loc = d.location or Location(1, 1)
        out.append(Diagnostic(d.path, d.message, Location(loc.line, loc.column, loc.file or exc.filename),
                              d.severity))
    return out
