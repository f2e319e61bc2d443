"""Every example renders to exactly its golden tree (no missing or extra files), byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, GOLDEN, LAYOUTS, REPO, UPDATE_COMMAND
from golden import compare, write_tree

from mcai.pipeline import generate

PLANNED = {**{p.stem: p for p in EXAMPLES}, **LAYOUTS}


@pytest.mark.parametrize("name", sorted(PLANNED))
def test_example_matches_golden(name: str, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # OUT defaults to generated/<name> under the current directory; the README's command
    # names the spec relative to OUT
    _, _, tree = generate(PLANNED[name])
    target = GOLDEN / name
    if update_goldens:
        write_tree(target, dict(tree.files))
    problem = compare(target, dict(tree.files), UPDATE_COMMAND)
    assert problem is None, problem


@pytest.mark.parametrize("example", [*EXAMPLES, *LAYOUTS.values()], ids=lambda p: p.stem)
def test_rendering_is_deterministic(example: Path) -> None:
    first = generate(example)[2]
    second = generate(example)[2]
    assert dict(first.files) == dict(second.files)


def test_every_golden_has_an_example() -> None:
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()) if GOLDEN.exists() else []
    assert set(stale) <= set(PLANNED), f"golden dirs without an example: {stale}"
