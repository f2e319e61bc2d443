"""Imports and overrides: a spec names shared files under `imports:` and overrides their values, with provenance.

    imports: [../base.yaml]      # paths relative to the importing file, applied in order
    environment: dev             # then this file's own values on top

Merge rules (documented in the README, "Platform teams"): mappings merge key by key, recursively; anything else
(a scalar, a list) written later replaces the earlier value as a whole, so a list is never half-merged (`chain:` in
dev is exactly dev's chain). Imported files may import others (a DAG: cycles are located errors); among several
imports the later wins, and the importing file wins over all of them. There is no way to delete a key: keep
what only some files need out of the shared one. No template language: values are plain YAML.

Provenance: every value keeps the file, line and column where it was last written, so each error points there,
however many imports deep; `history` keeps every write of a path (what an override replaced) for
`mcai validate --explain-value`.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from mcai.diagnostics import Diagnostic, Location, Path, SpecError
from mcai.spec.loader import LoadedSpec, SourceMap, display_name, load_text, read_text

MAX_IMPORTS = 50  # files in one spec's import graph
MAX_READS = 200  # imports followed in all (a file imported along several routes counts each time: no blow-up)
MAX_DEPTH = 8  # imports of imports


@dataclass
class Resolved:
    """The merged document, where each value was last written, and every file that went into it."""

    data: Any
    source: SourceMap
    history: dict[Path, list[Location]] = field(default_factory=dict)
    files: list[tuple[str, str]] = field(default_factory=list)  # (path from the spec, text) of each imported file

    @property
    def imported(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.files)


def resolve(loaded: LoadedSpec, directory: FsPath) -> Resolved:
    """`loaded` with its imports applied; a spec without `imports:` comes back as it was. Raises `SpecError`
    (named after the spec) with every problem in every file, each at its own file's line and column."""
    if not isinstance(loaded.data, dict) or "imports" not in loaded.data:
        return Resolved(loaded.data, loaded.source, {p: [loc] for p, loc in loaded.source.values.items()})
    resolver = _Resolver(loaded.filename, boundary(directory))
    here = os.path.realpath(directory / posixpath.basename(loaded.filename))
    result = resolver.file(loaded, directory, loaded.filename, ((here, loaded.filename),))
    if resolver.problems:
        raise SpecError(loaded.filename, resolver.problems)
    top = posixpath.dirname(loaded.filename) or "."
    # named relative to the spec, so the names (and the digest over them) are the same from any directory
    result.files = sorted((posixpath.relpath(name, top), text) for name, text in resolver.files.items())
    return result


Chain = tuple[tuple[str, str], ...]  # (real path, display name) of each file being imported, outermost first


def boundary(directory: FsPath) -> str:
    """Where imports may come from: the repository holding the spec (the nearest directory with `.git`), else the
    spec's own directory. A spec from a pull request cannot read files elsewhere on the CI machine."""
    start = os.path.realpath(directory)
    here = start
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return start
        here = parent


class _Resolver:
    def __init__(self, spec_name: str, root: str) -> None:
        self.spec_name = spec_name
        self.root = root
        self.problems: list[Diagnostic] = []
        self.files: dict[str, str] = {}
        self.reads = 0

    def file(self, loaded: LoadedSpec, directory: FsPath, name: str, chain: Chain) -> Resolved:
        """One file's document: its imports merged in order, then its own values on top."""
        data, source = loaded.data, _tagged(loaded.source, name, self.spec_name)
        if not isinstance(data, dict):
            self.problems.append(Diagnostic((), "an imported file must be a mapping of spec keys", source.value(())))
            return Resolved({}, SourceMap())
        own = Resolved(data, source, {p: [loc] for p, loc in source.values.items()})
        if "imports" not in data:
            return own
        listed = data["imports"]
        own = _without_imports(own)
        if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
            self.problems.append(Diagnostic(("imports",), "must be a list of file paths (relative to this file)",
                                            source.value(("imports",))))
            return own
        merged: Resolved | None = None
        for i, target in enumerate(listed):
            imported = self._import(target, directory, name, chain, i, source.value(("imports", i)))
            if imported is not None:
                merged = imported if merged is None else merge(merged, imported)
        return own if merged is None else merge(merged, own)

    def _import(self, target: str, directory: FsPath, name: str, chain: Chain, index: int,
                where: Location | None) -> Resolved | None:
        path = ("imports", index)
        if not target or os.path.isabs(target) or target.startswith("~") or "\\" in target:
            self.problems.append(Diagnostic(path, f"import '{target}': give a relative path with '/' (relative to "
                                            "this file), so the estate reads the same on every machine", where))
            return None
        file = directory / target
        shown = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
        real = os.path.realpath(file)
        if os.path.commonpath([real, self.root]) != self.root:
            self.problems.append(Diagnostic(path, f"import '{target}' leaves {display_name(self.root)} (the "
                                            "repository holding the spec, or its directory outside one): keep "
                                            "shared files inside it", where))
            return None
        if any(real == seen for seen, _ in chain):
            cycle = " -> ".join([*(n for _, n in chain), shown])
            self.problems.append(Diagnostic(path, f"import '{target}' is a cycle: {cycle}", where))
            return None
        if len(chain) > MAX_DEPTH:
            self.problems.append(Diagnostic(path, f"imports nest more than {MAX_DEPTH} levels deep", where))
            return None
        self.reads += 1
        if len(self.files) >= MAX_IMPORTS and shown not in self.files or self.reads > MAX_READS:
            self.problems.append(Diagnostic(path, f"more than {MAX_IMPORTS} files (or {MAX_READS} imports along "
                                            "every route) are imported", where))
            return None
        try:
            text = read_text(file, "imported file")
            loaded = load_text(text, shown, "imported file")
        except FileNotFoundError:
            self.problems.append(Diagnostic(path, f"imported file '{shown}' does not exist", where))
            return None
        except OSError as exc:
            self.problems.append(Diagnostic(path, f"imported file '{shown}' cannot be read: {exc.strerror}", where))
            return None
        except SpecError as exc:  # its own problems (syntax, size, not a regular file), located in it
            self.problems += [_retag(d, shown, self.spec_name) for d in exc.diagnostics]
            return None
        self.files[shown] = text
        return self.file(loaded, file.parent, shown, (*chain, (real, shown)))


def _tagged(source: SourceMap, name: str, spec_name: str) -> SourceMap:
    if name == spec_name:
        return source
    return SourceMap({p: Location(loc.line, loc.column, name) for p, loc in source.values.items()},
                     {p: Location(loc.line, loc.column, name) for p, loc in source.keys.items()})


def _retag(d: Diagnostic, name: str, spec_name: str) -> Diagnostic:
    loc = d.location or Location(1, 1)
    return Diagnostic(d.path, d.message, Location(loc.line, loc.column, None if name == spec_name else name),
                      d.severity)


def _without_imports(r: Resolved) -> Resolved:
    data = {k: v for k, v in r.data.items() if k != "imports"}

    def keep(p: Path) -> bool:
        return p[:1] != ("imports",)

    return Resolved(data, SourceMap({p: v for p, v in r.source.values.items() if keep(p)},
                                    {p: v for p, v in r.source.keys.items() if keep(p)}),
                    {p: v for p, v in r.history.items() if keep(p)})


def merge(base: Resolved, over: Resolved) -> Resolved:
    """`over` on top of `base` (both whole documents): the merge rules of this module, provenance included."""
    source = SourceMap(dict(base.source.values), dict(base.source.keys))
    history = {p: list(v) for p, v in base.history.items()}
    data = _merge(base.data, over.data, (), source, history, over)
    return Resolved(data, source, history)


def _merge(base: Any, over: Any, path: Path, source: SourceMap, history: dict[Path, list[Location]],
           layer: Resolved) -> Any:
    here = layer.source.values.get(path)
    if isinstance(base, dict) and isinstance(over, dict):
        if here is not None:
            source.values[path] = here
            history.setdefault(path, []).append(here)
        out = dict(base)
        for key, value in over.items():
            child = (*path, key)
            if child in layer.source.keys:
                source.keys[child] = layer.source.keys[child]
            if key in base:
                out[key] = _merge(base[key], value, child, source, history, layer)
            else:
                _copy(value, child, source, history, layer)
                out[key] = value
        return out
    earlier = history.get(path, [])
    for sub in _paths(base, path, inner=True):  # replaced as a whole: what was under it is gone
        source.values.pop(sub, None)
        source.keys.pop(sub, None)
        history.pop(sub, None)
    _copy(over, path, source, history, layer)
    history[path] = [*earlier, *history.get(path, [])]
    return over


def _copy(value: Any, path: Path, source: SourceMap, history: dict[Path, list[Location]], layer: Resolved) -> None:
    """Provenance of a value new at `path` comes with it from `layer`."""
    for sub in _paths(value, path):
        loc = layer.source.values.get(sub)
        if loc is not None:
            source.values[sub] = loc
            history[sub] = [loc]
        key = layer.source.keys.get(sub)
        if key is not None and sub != path:
            source.keys[sub] = key


def _paths(value: Any, path: Path, inner: bool = False) -> list[Path]:
    """`path` (unless `inner`) and every path under it in `value`."""
    out: list[Path] = [] if inner else [path]
    stack = [(value, path)]
    while stack:
        node, at = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for k, v in items:
            out.append((*at, k))
            stack.append((v, (*at, k)))
    return out
