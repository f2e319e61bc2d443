"""Turn pydantic validation errors into located, human diagnostics (with "did you mean")."""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from mcai.diagnostics import Diagnostic, Path
from mcai.spec.loader import SourceMap


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """`; did you mean 'x'?` when a close choice exists, else ``."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def _real_path(data: Any, loc: tuple[Any, ...]) -> Path:
    """Drop the parts of a pydantic location that are not in the data (union tags, validator names)."""
    path: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict) and isinstance(part, str) and part in current or isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path.append(part)
        elif isinstance(current, dict) and isinstance(part, str) and last:
            path.append(part)  # a missing or unknown key: keep it, it names the problem
        # anything else is a union tag or validator name that pydantic adds to the location
    return tuple(path)


def _holder(root: type[BaseModel], path: Path, data: Any) -> type[BaseModel] | None:
    """The model class that owns the last key of `path` (following dicts, lists and tagged unions)."""
    current: Any = root
    node: Any = data
    for part in path[:-1]:
        node = _child(node, part)
        if isinstance(current, _Container):
            current = _unwrap(current.annotation, node)
        elif isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            current = _unwrap(field.annotation, node) if field else None
        else:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


@dataclass(frozen=True)
class _Container:
    """A dict or tuple field: its items have this annotation."""

    annotation: Any


def _unwrap(tp: Any, node: Any) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _unwrap(args[0], node)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    if origin is dict:
        return _Container(args[1])
    if origin is tuple:
        return _Container(args[0])
    if args:  # a Union: the member whose tag (provider/kind) matches the data, else the only model member
        models = [m for m in (_unwrap(a, node) for a in args) if isinstance(m, type) and issubclass(m, BaseModel)]
        if isinstance(node, dict):
            for m in models:
                tags = [t for t in ("provider", "kind") if t in m.model_fields]
                if tags and all(node.get(t) in typing.get_args(m.model_fields[t].annotation) for t in tags):
                    return m
        if isinstance(node, dict) and len(models) == 2:  # one account or several (`accounts:`), as written
            return next((m for m in models if ("accounts" in m.model_fields) == ("accounts" in node)), None)
        return models[0] if len(models) == 1 else None
    return None


def diagnostics_from(exc: ValidationError, data: Any, source: SourceMap, root: type[BaseModel]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if loc and loc[-1] == "[key]":  # a map key (a name the user chose) failed its format
            path = _real_path(data, loc[:-1])
            out.append(Diagnostic(path, f"key '{path[-1]}' {_message(err, path, data, root)}", source.key(path)))
            continue
        path = _real_path(data, loc)
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            path = path + (str(err.get("ctx", {}).get("discriminator", "kind")).strip("'"),)
        out.append(Diagnostic(path, _message(err, path, data, root), _location(err, path, source)))
    return out


def _location(err: dict[str, Any], path: Path, source: SourceMap):  # type: ignore[no-untyped-def]
    if err["type"] == "extra_forbidden":
        return source.key(path)
    if err["type"] in ("missing", "union_tag_not_found"):
        return source.value(path[:-1])
    return source.value(path)


def _message(err: dict[str, Any], path: Path, data: Any, root: type[BaseModel]) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        return f"unknown key '{key}'{suggest(key, _allowed_keys(root, path, data))}"
    if kind == "missing":
        return f"missing required key '{path[-1]}'" if path else "missing required key"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        hint = suggest(str(value), [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",")])
        return f"must be one of {expected} (got {value!r}){hint}"
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        tags = [t.strip().strip("'") for t in str(ctx.get("expected_tags", "")).split(",")]
        return f"must be one of {ctx.get('expected_tags')} (got {ctx.get('tag')!r}){suggest(str(ctx.get('tag')), tags)}"
    if kind == "union_tag_not_found":
        return f"missing required key {err.get('ctx', {}).get('discriminator', '')}"
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"must be a string; quote the value (\"{value}\")"
    if kind in {"int_type", "float_type", "bool_type", "string_type", "dict_type", "list_type", "tuple_type",
                "model_type", "decimal_type"}:
        wanted = {"int_type": "a whole number", "float_type": "a number", "bool_type": "true or false",
                  "string_type": "a string", "dict_type": "a mapping", "list_type": "a list", "tuple_type": "a list",
                  "model_type": "a mapping", "decimal_type": "a number"}[kind]
        return f"must be {wanted} (got {_describe(value)})"
    return str(err["msg"]).removeprefix("Value error, ")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _allowed_keys(root: type[BaseModel], path: Path, data: Any) -> list[str]:
    holder = _holder(root, path, data)
    return list(holder.model_fields) if holder else []
