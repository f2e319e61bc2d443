"""Problems found in a spec, each tied to a place in the YAML file.

Every stage (loading, schema validation, semantic rules, derivation) reports problems as `Diagnostic`s and raises them
together in one `SpecError`, so a user sees every problem at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Path = tuple[str | int, ...]
Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """1-based line and column in a source file."""

    line: int
    column: int


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
        where = f"{self.location.line}:{self.location.column}" if self.location else "1:1"
        subject = f"{self.dotted_path}: " if self.path else ""
        return f"{filename}:{where}: {subject}{self.message}"


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
        ordered = sorted(self.diagnostics, key=_sort_key)
        return [d.format(self.filename) for d in ordered]

    def render(self) -> str:
        return "\n".join(self.lines())


def _sort_key(d: Diagnostic) -> tuple[int, int, str]:
    loc = d.location or Location(1, 1)
    return (loc.line, loc.column, d.message)


_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Lines a CI runner executes as a command: GitHub Actions `::error ...`, `##[group]`; Azure Pipelines `##vso[...]`.
_CI_COMMAND = re.compile(r"\s*(::|##\[|##vso\[)")


def terminal_safe(line: str) -> str:
    """One line of text fit for a terminal or a CI log: control characters (newlines included), bidi overrides and
    undecodable bytes from file names are shown escaped, and a line that a CI runner would read as a workflow command
    is prefixed so it is printed, not executed."""
    if any("\ud800" <= ch <= "\udfff" for ch in line):  # surrogate-escaped bytes of a non-UTF-8 file name
        line = line.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    line = _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", line)
    return f"mcai: {line}" if _CI_COMMAND.match(line) else line
