"""Where the bundled templates and Terraform modules are: inside the installed wheel, or the source checkout."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


@cache
def root() -> Path:
    bundled = Path(__file__).parent / "_bundled"
    if (bundled / "templates").is_dir():
        return bundled
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "templates").is_dir() and (checkout / "modules").is_dir():
        return checkout
    raise RuntimeError("mcai's templates and modules are missing from this installation; reinstall mcai")


def templates_dir() -> Path:
    return root() / "templates"


def examples_dir() -> Path:
    """The example specs (the patterns `mcai init --pattern` writes)."""
    return root() / "examples"


def modules_dir() -> Path:
    return root() / "modules"


@cache
def module_declaration(module: str) -> dict[str, Any]:
    """What a bundled module declares it needs next to its code (`mcai-module.json`: e.g. the Google APIs its
    resources use); empty for a module that declares nothing."""
    path = modules_dir() / module / "mcai-module.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} must hold a JSON object"
    return data
