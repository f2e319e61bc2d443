"""The terminal table's building blocks, safe for user text: rich would otherwise read `[link=...]` in a subject or
a key as markup (emitting an OSC 8 escape) and pass ESC sequences through. Markup and emoji codes are off, and every
cell line goes through `escape.terminal_safe`."""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from mcai.escape import terminal_safe


def console(stream: TextIO) -> Console:
    # As wide as the terminal; 80 columns when stdout is not one (COLUMNS overrides). Machines read --format json.
    return Console(file=stream, highlight=False, soft_wrap=False, markup=False, emoji=False)


def cell(value: Any) -> Any:
    """A table cell: text is escaped line by line (newlines between lines are kept as layout)."""
    if not isinstance(value, str):
        return value
    return "\n".join(terminal_safe(line) for line in value.split("\n"))


class SafeTable(Table):
    """A rich Table whose titles and cells are user-text safe."""

    def __init__(self, *args: Any, title: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, title=cell(title) if title else None, **kwargs)

    def add_row(self, *renderables: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().add_row(*(cell(r) for r in renderables), **kwargs)
