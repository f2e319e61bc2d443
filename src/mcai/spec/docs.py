"""Field descriptions for the published JSON Schemas, read from the attribute docstrings in the model source.

The spec models document each field with a docstring right under it. Pydantic can read those itself
(`use_attribute_docstrings`), but doing so parses the source of every model class at import, which costs ~0.1 s on
every `mcai` command. Only the schema needs them, so they are read here, when a schema is asked for.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Any

from pydantic import BaseModel


def attribute_docs(cls: type) -> dict[str, str]:
    """`{field: docstring}` for the string literals that directly follow annotated fields in `cls`'s body."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    body = ast.parse(source).body[0]
    assert isinstance(body, ast.ClassDef)
    docs: dict[str, str] = {}
    for node, following in zip(body.body, body.body[1:]):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant) and isinstance(following.value.value, str)):
            docs[node.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _models(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model class reachable from `root`'s module family, by class name (the schema's `$defs` keys)."""
    found: dict[str, type[BaseModel]] = {}
    pending = [root.__mro__[1]] if root.__mro__[1] is not BaseModel else [root]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            found.setdefault(sub.__name__, sub)
            pending.append(sub)
    found.setdefault(root.__name__, root)
    return found


def add_descriptions(schema: dict[str, Any], root: type[BaseModel]) -> dict[str, Any]:
    """Fill in missing property descriptions of `schema` (generated from `root`) from attribute docstrings."""
    models = _models(root)
    targets = [(root.__name__, schema)] + list(schema.get("$defs", {}).items())
    for name, definition in targets:
        cls = models.get(name)
        if cls is None:
            continue
        docs = attribute_docs(cls)
        for field, prop in definition.get("properties", {}).items():
            alias_of = next((f for f, info in cls.model_fields.items() if (info.alias or f) == field), field)
            if alias_of in docs and "description" not in prop:
                prop["description"] = docs[alias_of]
    return schema
