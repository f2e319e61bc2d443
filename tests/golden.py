"""Exact tree comparison for golden files, with a unified diff and the regenerate command on failure."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Mapping
from pathlib import Path


def tree_on_disk(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write_tree(root: Path, files: Mapping[str, bytes]) -> None:
    if root.exists():
        shutil.rmtree(root)
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def compare(expected_root: Path, actual: Mapping[str, bytes], command: str) -> str | None:
    """None when equal; else a readable report of missing, extra and differing files."""
    expected = tree_on_disk(expected_root) if expected_root.exists() else {}
    problems: list[str] = []
    for rel in sorted(set(expected) - set(actual)):
        problems.append(f"missing from output (golden has it): {rel}")
    for rel in sorted(set(actual) - set(expected)):
        problems.append(f"extra in output (golden lacks it): {rel}")
    for rel in sorted(set(expected) & set(actual)):
        if expected[rel] != actual[rel]:
            diff = difflib.unified_diff(expected[rel].decode("utf-8", "replace").splitlines(keepends=True),
                                        actual[rel].decode("utf-8", "replace").splitlines(keepends=True),
                                        f"golden/{rel}", f"rendered/{rel}")
            problems.append("".join(list(diff)[:80]))
    if not problems:
        return None
    return "\n".join(problems) + f"\n\nIf the change is intended, regenerate with:\n    {command}\n"
