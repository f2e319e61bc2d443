"""Where the bundled templates and Terraform modules are: inside the installed wheel, or the source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


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


def modules_dir() -> Path:
    return root() / "modules"
