"""Module hygiene: generated READMEs are current, files follow the fixed layout, and the report's resource list
matches what the modules really declare."""

from __future__ import annotations

import re
from pathlib import Path

import moduledocs
import pytest
from conftest import EXAMPLES, REPO

from mcai.pipeline import generate

MODULES = sorted(p for p in (REPO / "modules").iterdir() if p.is_dir())
REQUIRED_FILES = ("terraform.tf", "variables.tf", "main.tf", "outputs.tf", "README.md")


def declared(module: Path) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for tf in module.glob("*.tf"):
        found |= set(re.findall(r'^resource "([\w-]+)" "([\w-]+)"', tf.read_text(), flags=re.M))
    return found


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_module_layout(module: Path) -> None:
    missing = [f for f in REQUIRED_FILES if not (module / f).exists()]
    assert not missing, f"{module.name} lacks {missing}"
    assert list((module / "tests").glob("*.tftest.hcl")), f"{module.name} has no tests/*.tftest.hcl"
    assert list((module / "examples").glob("*/main.tf")), f"{module.name} has no examples/<name>/main.tf"
    for tf in module.glob("*.tf"):
        assert len(tf.read_text().splitlines()) < 400, f"{tf} is too long; split it by topic"
        assert "provider \"" not in tf.read_text(), "modules never configure providers; root stacks do"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_module_readme_is_generated(module: Path) -> None:
    assert (module / "README.md").read_text() == moduledocs.render(module), \
        "README is stale; regenerate with: python tools/moduledocs.py"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_reported_resources_exist_in_modules(example: Path) -> None:
    _, topology, _ = generate(example)
    for stack in topology.stacks:
        for call in stack.modules:
            real = declared(REPO / "modules" / call.module)
            for r in call.resources:
                name = r.address.split("[")[0]
                assert (r.type, name) in real, f"{call.label}: {r.type}.{name} is reported but not in {call.module}"
