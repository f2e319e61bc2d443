"""Format Python values as HCL exactly as `terraform fmt` would, and escape user text so it stays inert.

Alignment follows `terraform fmt`: within a run of consecutive single-line `key = value` lines the `=` signs line up;
a line that opens a multi-line value, a blank line, or a block header ends the run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from mcai.topology.model import Expr

INDENT = "  "
MAX_INLINE = 100  # longer lists go one item per line, for readable diffs
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def string(value: str) -> str:
    """A quoted HCL string literal. Interpolation (`${`) and directive (`%{`) openers are doubled so they stay text."""
    out = []
    i = 0
    while i < len(value):
        ch = value[i]
        nxt = value[i + 1] if i + 1 < len(value) else ""
        if ch in "$%" and nxt == "{":
            out.append(ch * 2 + "{")
            i += 2
            continue
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0x2028 <= ord(ch) <= 0x2029:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
        i += 1
    return '"' + "".join(out) + '"'


def key(name: str) -> str:
    """An object key: bare when it is an identifier, else a quoted string. `for` as a bare first key would start a
    for-expression (`{ for = "x" }` fails `terraform fmt`), and literals would be read as values: both quoted."""
    return name if _IDENT.fullmatch(name) and name not in ("null", "true", "false", "for") else string(name)


def value(v: Any, level: int = 0) -> str:
    """An HCL expression for `v`; nested objects and lists of objects span lines indented from `level`."""
    if isinstance(v, Expr):
        return v.text
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float | Decimal):
        return _number(v)
    if isinstance(v, str):
        return string(v)
    if isinstance(v, Mapping):
        if not v:
            return "{}"
        inner = attributes(v, level + 1)
        return "{\n" + inner + INDENT * level + "}"
    if isinstance(v, Iterable):
        items = list(v)
        if not items:
            return "[]"
        rendered = [value(item, level + 1) for item in items]
        one_line = "[" + ", ".join(rendered) + "]"
        if all("\n" not in r for r in rendered) and not any(isinstance(i, Mapping) for i in items) \
                and len(one_line) <= MAX_INLINE:
            return one_line
        pad = INDENT * (level + 1)
        return "[\n" + "".join(f"{pad}{r},\n" for r in rendered) + INDENT * level + "]"
    raise TypeError(f"cannot render {type(v).__name__} as HCL")


def _number(v: float | Decimal) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return json.dumps(float(v)) if isinstance(v, float) else format(v.normalize(), "f")


def attributes(items: Mapping[str, Any], level: int) -> str:
    """`key = value` lines at `level`, aligned the way `terraform fmt` aligns them."""
    pad = INDENT * level
    lines: list[tuple[str, str]] = [(key(k), value(v, level)) for k, v in items.items()]
    out: list[str] = []
    run: list[tuple[str, str]] = []

    def flush() -> None:
        width = max((len(k) for k, _ in run), default=0)
        out.extend(f"{pad}{k.ljust(width)} = {v}\n" for k, v in run)
        run.clear()

    for k, v in lines:
        if "\n" in v:
            flush()
            out.append(f"{pad}{k} = {v}\n")
        else:
            run.append((k, v))
    flush()
    return "".join(out)


def comment(text: str, level: int = 0) -> str:
    """`# text` lines; user text in comments is confined to one line each (no way to end the comment early)."""
    pad = INDENT * level
    return "".join(f"{pad}# {line}".rstrip() + "\n" for line in text.splitlines() or [""])
