"""YAML loading that keeps where every key and value came from.

PyYAML composes a node tree with marks; we construct plain Python data ourselves so that we can (a) record a location
for every path, (b) reject duplicate keys, which PyYAML would silently overwrite, and (c) cap how far aliases may
expand, so a "billion laughs" document fails fast instead of eating the machine.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field
from typing import Any

import yaml

from mcai.diagnostics import Diagnostic, Location, Path, SpecError

# libyaml's composer when PyYAML has it (several times faster); the node tree and marks are the same.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_NODES = 20_000
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
MAX_BYTES = 2_000_000


@dataclass
class SourceMap:
    """Where each path of the loaded document sits in the file."""

    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)

    def value(self, path: Path) -> Location | None:
        """Location of the value at `path`, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            loc = self.values.get(path[:end])
            if loc is not None:
                return loc
        return None

    def key(self, path: Path) -> Location | None:
        """Location of the key that introduces `path` (falls back to the value)."""
        return self.keys.get(path) or self.value(path)


@dataclass(frozen=True)
class LoadedSpec:
    filename: str
    text: str
    data: Any
    source: SourceMap


class _TooLarge(Exception):
    pass


def read_text(path: pathlib.Path) -> str:
    """A spec-like file's text; anything but UTF-8 is a located problem, not a crash."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SpecError(str(path), [Diagnostic((), "the file is not UTF-8 text")]) from None


def load_text(text: str, filename: str) -> LoadedSpec:
    """Parse YAML text; raise `SpecError` with positions for syntax errors, duplicates and alias bombs."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise SpecError(filename, [Diagnostic((), f"file is larger than {MAX_BYTES} bytes", Location(1, 1))])
    try:
        try:
            node = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError:
            # Re-read with the pure-Python parser so messages are the same on every machine, libyaml or not.
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(mark.line + 1, mark.column + 1) if mark else Location(1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise SpecError(filename, [Diagnostic((), f"YAML syntax error: {problem}", loc)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML parse error is marked in practice
        raise SpecError(filename, [Diagnostic((), f"YAML error: {exc}", Location(1, 1))]) from None
    if node is None:
        raise SpecError(filename, [Diagnostic((), "the file is empty; a spec needs at least 'version' and 'name'",
                                              Location(1, 1))])
    builder = _Builder()
    try:
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:  # e.g. an unknown tag (`!!python/object`): never constructed, reported
        mark = exc.problem_mark or exc.context_mark
        loc = Location(mark.line + 1, mark.column + 1) if mark else Location(1, 1)
        raise SpecError(filename, [Diagnostic((), f"YAML error: {exc.problem or exc.context}", loc)]) from None
    except _TooLarge:
        raise SpecError(filename, [Diagnostic(
            (), f"the document expands to more than {MAX_NODES} values (anchors/aliases nested too deep?)",
            Location(1, 1))]) from None
    if builder.problems:
        raise SpecError(filename, builder.problems)
    return LoadedSpec(filename, text, data, builder.source)


def _loc(node: yaml.Node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self) -> None:
        self.source = SourceMap()
        self.problems: list[Diagnostic] = []
        self.count = 0
        self._constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        self.source.values.setdefault(path, _loc(node))
        if node.tag not in _PLAIN_TAGS:  # explicit tags (`!!python/...`, `!Ref`) have no meaning in a spec
            self.problems.append(Diagnostic(path, f"unsupported YAML tag '{node.tag}'; write plain values",
                                            _loc(node)))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._constructor.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        self._constructor.flatten_mapping(node)  # resolves YAML merge keys (`<<: *base`)
        out: dict[str, Any] = {}
        first_seen: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key = self._constructor.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            where = _loc(key_node)
            if key in first_seen:
                seen = first_seen[key]
                self.problems.append(Diagnostic(
                    path + (key,), f"duplicate key '{key}' (first defined at line {seen.line})", where))
                continue
            first_seen[key] = where
            self.source.keys[path + (key,)] = where
            out[key] = self.build(value_node, path + (key,))
        return out
