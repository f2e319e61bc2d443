"""Problems found in a spec, each tied to a place in the YAML file.

Every stage (loading, schema validation, semantic rules, derivation) reports problems as `Diagnostic`s and raises them
together in one `SpecError`, so a user sees every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Path = tuple[str | int, ...]
Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """1-based line and column in a source file; `file` names the file when it is not the spec itself (a value
    written in an imported file keeps the place it was written)."""

    line: int
    column: int
    file: str | None = field(default=None, compare=False)

    def format(self, filename: str) -> str:
        """`file:line:col`, with the spec's own `filename` unless the value was written in another file."""
        return f"{self.file or filename}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where it is (dotted spec path and file position) and what is wrong."""

    path: Path
    message: str
    location: Location | None = None
    severity: Severity = "error"

    @property
    def dotted_path(self) -> str:
        return dotted(self.path)

    def format(self, filename: str) -> str:
        """`file:line:col: path: message`, the shape editors and CI annotators understand."""
        where = self.location.format(filename) if self.location else f"{filename}:1:1"
        subject = f"{self.dotted_path}: " if self.path else ""
        return f"{where}: {subject}{self.message}"


def dotted(path: Path) -> str:
    """`('models', 'gpt', 'deployment', 0)` -> `models.gpt.deployment[0]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class SpecError(Exception):
    """A spec that cannot be used, with every problem found."""

    filename: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def lines(self) -> list[str]:
        ordered = sorted(self.diagnostics, key=lambda d: _sort_key(d, self.filename))
        return [d.format(self.filename) for d in ordered]

    def render(self) -> str:
        return "\n".join(self.lines())


def _sort_key(d: Diagnostic, filename: str) -> tuple[bool, str, int, int, str]:
    """The spec's own problems first, then each imported file's, each in file order."""
    loc = d.location or Location(1, 1)
    return (loc.file is not None and loc.file != filename, loc.file or "", loc.line, loc.column, d.message)

