"""YAML loading that keeps where every key and value came from, bounded against hostile input.

PyYAML composes a node tree with marks; we construct plain Python data ourselves so that we can (a) record a location
for every path, (b) reject duplicate keys, which PyYAML would silently overwrite, (c) cap how far aliases and merge
keys may expand (keys included: a key must be plain text), so a "billion laughs" document fails fast instead of eating
the machine, (d) cap nesting depth before composing, (e) turn every scalar that cannot be constructed (an impossible
date, an integer too long to read, NaN or infinity) into a located problem. Files are checked to be regular and
within the size limit before a byte is read, so a FIFO or `/dev/zero` is refused instead of hanging or exhausting
memory. Keys are their source text (`on:` is "on", `~:` is "~"); `16:40` is text (YAML 1.2), not 1000; merge keys
(`<<: *base`, `<<: [*a, *b]`) follow the YAML merge spec: explicit keys override merged ones, earlier merges win.
"""

from __future__ import annotations

import math
import os
import pathlib
import stat
from dataclasses import dataclass, field
from typing import Any

import yaml

from mcai.diagnostics import Diagnostic, Location, Path, SpecError

# libyaml's composer when PyYAML has it (several times faster); the node tree and marks are the same.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_NODES = 150_000  # a 2,000-workload / 2,000-model spec is ~40,000; more than this is alias expansion
MAX_DEPTH = 64
_MERGE = "tag:yaml.org,2002:merge"
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


def read_text(path: pathlib.Path, what: str = "spec") -> str:
    """A spec-like file's text. Only a regular file within `MAX_BYTES` is read (checked before reading); anything
    but UTF-8 is a located problem, not a crash."""
    name = display_name(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC  # a FIFO must not block the open
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a FIFO, device or socket"
            raise SpecError(name, [Diagnostic((), f"the {what} is {kind}, not a regular file", Location(1, 1))])
        if info.st_size > MAX_BYTES:
            raise SpecError(name, [Diagnostic((), f"the {what} is larger than {MAX_BYTES} bytes", Location(1, 1))])
        data = os.read(fd, MAX_BYTES + 1)
        while len(data) <= MAX_BYTES and (more := os.read(fd, MAX_BYTES + 1 - len(data))):
            data += more
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise SpecError(name, [Diagnostic((), f"the {what} is larger than {MAX_BYTES} bytes", Location(1, 1))])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SpecError(name, [Diagnostic((), "the file is not UTF-8 text", Location(line, 1))]) from None


def display_name(path: pathlib.Path | str) -> str:
    """A file name fit for messages: undecodable bytes shown as escapes instead of crashing the output."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def load_text(text: str, filename: str, what: str = "spec") -> LoadedSpec:
    """Parse YAML text; raise `SpecError` with positions for syntax errors, duplicates and alias bombs."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise SpecError(filename, [Diagnostic((), f"file is larger than {MAX_BYTES} bytes", Location(1, 1))])
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(mark.line + 1, mark.column + 1) if mark else Location(1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise SpecError(filename, [Diagnostic((), f"YAML syntax error: {problem}", loc)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (NUL, BEL, ...): locate it by its offset
        before = text[: exc.position]
        loc = Location(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        raise SpecError(filename, [Diagnostic((), f"YAML syntax error: character #x{exc.character:04x} is not "
                                              "allowed in YAML text", loc)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML parse error is marked in practice
        raise SpecError(filename, [Diagnostic((), f"YAML error: {exc}", Location(1, 1))]) from None
    except _TooDeep as exc:
        raise SpecError(filename, [Diagnostic((), f"the document is nested more than {MAX_DEPTH} levels deep",
                                              exc.location)]) from None
    if node is None:
        needs = {"spec": "; a spec needs at least 'version' and 'name'",
                 "imported file": "; an imported file holds spec keys"}.get(what, "; a price catalog needs "
                                                                            "'version: 1' and 'prices'")
        raise SpecError(filename, [Diagnostic((), f"the file is empty{needs}", Location(1, 1))])
    builder = _Builder()
    try:
        data = builder.build(node, (), 0)
    except _TooLarge:
        raise SpecError(filename, [Diagnostic(
            (), f"the document expands to more than {MAX_NODES} values (anchors/aliases nested too deep?)",
            Location(1, 1))]) from None
    if builder.problems:
        raise SpecError(filename, builder.problems)
    return LoadedSpec(filename, text, data, builder.source)


class _TooDeep(Exception):
    def __init__(self, location: Location) -> None:
        self.location = location


def _compose(text: str) -> yaml.Node | None:
    try:
        return _compose_with(text, _LOADER)
    except yaml.YAMLError:
        # Re-read with the pure-Python parser so messages are the same on every machine, libyaml or not.
        return _compose_with(text, yaml.SafeLoader)


def _compose_with(text: str, loader: type) -> yaml.Node | None:
    """The node tree, after an event pass that refuses deep nesting (the composers recurse per level)."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep(Location(event.start_mark.line + 1, event.start_mark.column + 1))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return yaml.compose(text, Loader=loader)


def _loc(node: yaml.Node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Builder:
    def __init__(self) -> None:
        self.source = SourceMap()
        self.problems: list[Diagnostic] = []
        self.count = 0
        self._constructor = yaml.SafeLoader("")

    def _problem(self, path: Path, message: str, node: yaml.Node) -> None:
        self.problems.append(Diagnostic(path, message, _loc(node)))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        self.source.values.setdefault(path, _loc(node))
        if node.tag not in _PLAIN_TAGS:  # explicit tags (`!!python/...`, `!Ref`) have no meaning in a spec
            self._problem(path, f"unsupported YAML tag '{node.tag}'; write plain values", node)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth + 1)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: Path) -> Any:
        text = str(node.value)
        shown = repr(text[:40] + ("..." if len(text) > 40 else ""))
        if node.tag in (_INT, _FLOAT) and ":" in text:
            return text  # YAML 1.1 sexagesimal (`16:40` = 1000) is text in YAML 1.2 and in mcai
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError):
            what = {_TIMESTAMP: "is not a valid date; quote it if it is text",
                    _INT: "is a number too long to read"}.get(node.tag, "cannot be read")
            self._problem(path, f"{shown} {what}", node)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self._problem(path, f"{shown} is not a finite number (NaN and infinity are never valid here)", node)
            return None
        return value

    def _key(self, node: yaml.Node, path: Path) -> str | None:
        self.count += 1
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _PLAIN_TAGS:
            self._problem(path, "a key must be plain text (not a list, mapping or tagged value)", node)
            return None
        return str(node.value)

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, Location] = {}
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            key = self._key(key_node, path)
            if key is None:
                continue
            where = _loc(key_node)
            if key in first_seen:
                seen = first_seen[key]
                self.problems.append(Diagnostic(
                    path + (key,), f"duplicate key '{key}' (first defined at line {seen.line})", where))
                continue
            first_seen[key] = where
            self.source.keys[path + (key,)] = where
            out[key] = self.build(value_node, path + (key,), depth)
        for merge in merges:  # explicit keys win; among merged mappings the earlier one wins
            sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    self._problem(path, "'<<' merges only mappings (an alias of a mapping, or a list of them)",
                                  source)
                    continue
                merged = self._mapping(source, path, depth + 1)
                for key, value in merged.items():
                    out.setdefault(key, value)
        return out
