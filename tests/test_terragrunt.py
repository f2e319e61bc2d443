"""Terragrunt units (`terragrunt: true`): one terragrunt.hcl per stack, parsed by python-hcl2 (terragrunt itself is
not installable here), formatted as `terraform fmt` formats HCL, with dependency blocks wired to the hand-overs."""

from __future__ import annotations

import io
import subprocess
from typing import Any

import hcl2
import pytest
from conftest import REPO

from mcai.pipeline import generate

EXAMPLE = REPO / "examples" / "gcp-aws-interconnect.yaml"
# The blocks and attributes Terragrunt's configuration reference documents for what mcai writes.
BLOCKS = {"terraform", "dependencies", "dependency", "inputs"}
DEPENDENCY_KEYS = {"config_path", "mock_outputs", "mock_outputs_allowed_terraform_commands"}


def _load(text: str) -> Any:
    """python-hcl2's parse without its metadata keys and with quoted strings unquoted."""
    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {clean(k): clean(v) for k, v in value.items() if not str(k).startswith("__")}
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
            return value[1:-1]
        return value

    return clean(hcl2.load(io.StringIO(text)))


@pytest.fixture(scope="module")
def units() -> dict[str, str]:
    _, _, tree = generate(EXAMPLE)
    return {path.split("/")[0]: tree[path].decode() for path in tree if path.endswith("/terragrunt.hcl")}


def test_every_stack_gets_a_unit_that_parses_and_is_fmt_clean(units: dict[str, str]) -> None:
    assert sorted(units) == ["aws", "gcp"]
    for name, text in units.items():
        parsed = _load(text)
        assert set(parsed) <= BLOCKS, f"{name}: unknown top-level keys {set(parsed) - BLOCKS}"
        for dep in parsed.get("dependency", []):
            for body in dep.values():
                assert set(body) <= DEPENDENCY_KEYS and "config_path" in body
        formatted = subprocess.run(["terraform", "fmt", "-"], input=text, capture_output=True, text=True, check=True)
        assert formatted.stdout == text, f"{name}/terragrunt.hcl is not terraform-fmt clean"


def test_handovers_from_earlier_stacks_are_dependencies_later_ones_are_named(units: dict[str, str]) -> None:
    gcp = _load(units["gcp"])
    (dep,) = gcp["dependency"]
    assert dep["aws"]["config_path"] == "../aws"
    assert dep["aws"]["mock_outputs"] == {"gcp_vpn_tunnels": {}}
    assert set(dep["aws"]["mock_outputs_allowed_terraform_commands"]) == {"init", "validate", "plan"}
    assert gcp["inputs"] == {"aws_vpn_tunnels": "${dependency.aws.outputs.gcp_vpn_tunnels}"}
    assert gcp["dependencies"][0]["paths"] == ["../aws"]
    aws = _load(units["aws"])
    assert "dependency" not in aws and "inputs" not in aws  # gcp is applied after aws: no cycle
    assert "gcp_vpn_addresses" in units["aws"] and "numbered steps" in units["aws"]
    for parsed in (aws, gcp):
        init = parsed["terraform"][0]["extra_arguments"][0]["backend"]
        assert init["commands"] == ["init"] and init["arguments"] == ["-backend-config=backend.hcl"]


def test_no_units_unless_the_spec_asks() -> None:
    _, _, tree = generate(REPO / "examples" / "article-egress.yaml")
    assert not [p for p in tree if p.endswith("terragrunt.hcl")]
