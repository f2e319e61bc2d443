"""A small reader for the HCL mcai itself renders (always `terraform fmt`-formatted): blocks, their labels and the
attributes whose values a value rule can check.

It is not a general HCL parser and does not need to be one: `mcai plan` only reads its own output, one attribute per
line. A single-line value is kept as its source text, in the form python-hcl2 reports it (a quoted string keeps its
quotes; any other expression is wrapped in `${...}`); a `{` map on several lines becomes a nested dict; any other
multi-line value (lists, function calls, heredocs) is kept as `None`: no rule reads it. The test suite proves this
reader sees the same attributes as python-hcl2 on every golden file (tests/test_value_lint.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

Value = Union[str, "dict[str, Value]", None]

_BLOCK = re.compile(r'^([A-Za-z_][\w-]*)((?:\s+"[^"]*")*)\s*\{$')
_ATTR = re.compile(r'^("?[\w.-]+"?)\s*=\s*(.*)$')
_HEREDOC = re.compile(r"<<-?([A-Za-z_]\w*)$")
_LABEL = re.compile(r'"([^"]*)"')


@dataclass
class Block:
    """A block (`resource "type" "name" { ... }`, `module "x"`, a nested `ingress` ...), with the line it opens on."""

    kind: str
    labels: tuple[str, ...]
    line: int
    attrs: dict[str, Value] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


def read(text: str) -> list[Block]:
    """The top-level blocks of one rendered `.tf` file."""
    root = Block("", (), 0)
    stack: list[Block | dict[str, Value]] = [root]
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line or line.startswith(("#", "//")):
            continue
        top = stack[-1]
        if line in ("}", "})", "},"):
            if len(stack) > 1:
                stack.pop()
            continue
        block = _BLOCK.match(line)
        if block and isinstance(top, Block):
            child = Block(block.group(1), tuple(_LABEL.findall(block.group(2))), i)
            top.blocks.append(child)
            stack.append(child)
            continue
        attr = _ATTR.match(line)
        if not attr:
            i = _skip(lines, i, line)  # a list item or anything else spanning lines: not a checked value
            continue
        key, value = attr.group(1).strip('"'), attr.group(2).strip()
        target = top.attrs if isinstance(top, Block) else top
        if isinstance(top, Block):
            top.lines[key] = i
        if value == "{":
            nested: dict[str, Value] = {}
            target[key] = nested
            stack.append(nested)
        elif _HEREDOC.search(value):
            target[key] = None
            end = _HEREDOC.search(value).group(1)  # type: ignore[union-attr]
            while i < len(lines) and lines[i].strip() != end:
                i += 1
            i += 1
        elif _balance(value) != 0:
            target[key] = None
            i = _skip(lines, i, value)
        else:
            target[key] = _as_hcl2(value)
    return root.blocks


def _as_hcl2(value: str) -> str:
    """The value in python-hcl2's notation: quoted strings as written, other expressions inside `${...}`."""
    if value.startswith('"') and value.endswith('"') and _is_one_string(value):
        return value
    return f"${{{value}}}"


def _is_one_string(value: str) -> bool:
    """True when `value` is a single quoted string (not `"a" == "b"`)."""
    depth, i = 0, 1
    while i < len(value) - 1:
        c = value[i]
        if c == "\\":
            i += 2
            continue
        if value.startswith("${", i):
            depth += 1
            i += 2
            continue
        if c == "}" and depth:
            depth -= 1
        elif c == '"' and not depth:
            return False
        i += 1
    return True


def _skip(lines: list[str], i: int, first: str) -> int:
    """Index of the line after the expression that opened on `first` closes."""
    depth = _balance(first)
    while depth > 0 and i < len(lines):
        depth += _balance(lines[i])
        i += 1
    return i


def _balance(text: str) -> int:
    """Open minus closed brackets outside string literals (template interpolations count as code)."""
    depth, in_string, i = 0, False, 0
    while i < len(text):
        c = text[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "{[(":
            depth += 1
        elif c in "}])":
            depth -= 1
        i += 1
    return depth
