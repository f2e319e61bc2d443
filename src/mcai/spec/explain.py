"""`mcai validate SPEC --explain-value PATH`: a value of the merged spec, where it was written and what it overrode."""

from __future__ import annotations

import json
import re
from typing import Any

from mcai.diagnostics import Location, Path, dotted
from mcai.spec.errors import suggest
from mcai.spec.imports import Resolved

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_SHOWN = 160  # characters of a value shown


def parse_path(text: str) -> Path | None:
    """`links[0].kind` -> ('links', 0, 'kind'); None when the text is not a path."""
    parts: list[str | int] = []
    pos = 0
    for match in _PART.finditer(text):
        gap = text[pos:match.start()]
        if gap not in ("", ".") or (gap == "." and not parts) or (gap == "" and parts and match.group(1)):
            return None
        parts.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
        pos = match.end()
    return tuple(parts) if parts and pos == len(text) else None


def explain(resolved: Resolved, filename: str, text: str) -> tuple[list[str], bool]:
    """Lines that explain the value at `text` (a dotted path) and whether it exists in the merged document."""
    path = parse_path(text)
    if path is None:
        return [f"'{text}' is not a spec path (write it like clouds.aws.region or links[0].kind)"], False
    node: Any = resolved.data
    for i, part in enumerate(path):
        has = part in node if isinstance(node, dict) else isinstance(node, list) and isinstance(part, int) and \
            part < len(node)
        if has:
            node = node[part]
        else:
            where = dotted(path[:i]) or "the spec"
            hint = suggest(str(part), [str(k) for k in node]) if isinstance(node, dict) else ""
            return [f"{dotted(path)}: not written in {filename} or the files it imports ({where} has no "
                    f"'{part}'{hint}); if the spec is valid, the default applies (see `mcai schema`)"], False
    return _describe(resolved, path, node, filename), True


def _describe(resolved: Resolved, path: Path, node: Any, filename: str) -> list[str]:
    lines = [f"{dotted(path)} = {_value(node)}"]
    writes = resolved.history.get(path) or [loc for loc in [resolved.source.value(path)] if loc is not None]
    if writes:
        lines.append(f"  written at {_at(writes[-1], filename)}")
        verb = "merged over" if isinstance(node, dict) else "overrides"
        lines += [f"  {verb} {_at(loc, filename)}" for loc in reversed(writes[:-1])]
    if isinstance(node, dict):  # a merged mapping: where each of its keys' values comes from
        for key in node:
            loc = resolved.source.value((*path, key))
            if loc is not None:
                lines.append(f"    {key}: from {_at(loc, filename)}")
    return lines


def _at(loc: Location, filename: str) -> str:
    return loc.format(filename)


def _value(node: Any) -> str:
    shown = json.dumps(node, sort_keys=False, default=str)
    return shown if len(shown) <= _SHOWN else shown[:_SHOWN] + "..."
