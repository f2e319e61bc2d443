"""A root stack's `required_version` admits no Terraform that one of its modules refuses: otherwise `terraform init`
on an older binary fails inside a module instead of naming the stack's own floor (the GCP HA VPN module needs
Terraform >= 1.11 for write-only arguments)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import GOLDEN

STACKS = sorted(p.parent for p in GOLDEN.glob("*/*/terraform.tf"))


def _floor(terraform_tf: Path) -> tuple[int, ...]:
    match = re.search(r'required_version\s*=\s*">=\s*([\d.]+)"', terraform_tf.read_text())
    assert match, terraform_tf
    return tuple(int(p) for p in match.group(1).split("."))


@pytest.mark.parametrize("stack", STACKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_root_floor_covers_every_module(stack: Path) -> None:
    root = _floor(stack / "terraform.tf")
    for module in sorted((stack / "modules").glob("*/terraform.tf")):
        assert root >= _floor(module), f"{stack.name} admits {root}, but {module.parent.name} needs {_floor(module)}"


def test_a_raised_floor_says_why() -> None:
    raised = [s for s in STACKS if _floor(s / "terraform.tf") > (1, 9)]
    assert raised, "an example uses the GCP HA VPN module (Terraform >= 1.11)"
    for stack in raised:
        assert "# gcp-ha-vpn: write-only arguments" in (stack / "terraform.tf").read_text()
