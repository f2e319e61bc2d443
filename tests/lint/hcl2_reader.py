"""python-hcl2 (the user's choice of HCL parser) as a reader for `mcai.lint`: the same `Block` trees mcai's own
small reader builds, so the suite lints every golden and module through a real HCL parser and proves both readers
agree."""

from __future__ import annotations

from functools import cache
from typing import Any

import hcl2

from mcai.lint import Block

META = ("__is_block__", "__comments__", "__inline_comments__", "__start_line__", "__end_line__")


def read(text: str) -> list[Block]:
    return _blocks(_parse(text))


@cache
def _parse(text: str) -> dict[str, Any]:
    """python-hcl2 takes ~0.1 s per file: parse each golden once per session (the result is never mutated)."""
    parsed: dict[str, Any] = hcl2.loads(text)
    return parsed


def _blocks(body: dict[str, Any]) -> list[Block]:
    out = []
    for kind, entries in body.items():
        if kind in META or not _is_block_list(entries):
            continue
        for entry in entries:
            out.append(_block(kind, (), entry))
    return out


def _is_block_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value) and all(
        v.get("__is_block__") or _is_labelled(v) for v in value)


def _is_labelled(value: dict[str, Any]) -> bool:
    keys = [k for k in value if k not in META]
    return len(keys) == 1 and keys[0].startswith('"') and isinstance(value[keys[0]], dict)


def _block(kind: str, labels: tuple[str, ...], body: dict[str, Any]) -> Block:
    if not body.get("__is_block__") and _is_labelled(body):
        key = next(k for k in body if k not in META)
        return _block(kind, labels + (key.strip('"'),), body[key])
    block = Block(kind, labels, 0)
    for key, value in body.items():
        if key in META:
            continue
        if _is_block_list(value):
            block.blocks += [_block(key, (), v) for v in value]
        else:
            block.attrs[key] = _value(value)
    return block


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {k.strip('"'): _value(v) for k, v in value.items() if k not in META}
    if isinstance(value, bool):
        return "${" + str(value).lower() + "}"
    if isinstance(value, int | float):
        return "${" + str(value) + "}"
    return None  # lists and anything else: no value rule reads them
