"""Manual steps name stacks that exist: with several AWS accounts there is no `aws/` stack, so a step a builder
wrote as "the aws stack" names the account's own stack (`aws-workloads`), and steps elsewhere name the home one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml
from conftest import REPO

from mcai.spec import load_spec
from mcai.topology import derive
from mcai.topology.step_names import name_stacks_in_steps


def _steps(tmp_path: Path, models_edit) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    spec = yaml.safe_load((REPO / "examples" / "aws-accounts.yaml").read_text())
    models_edit(spec["models"])
    path = tmp_path / "estate.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return {s.name: s.manual_steps for s in derive(load_spec(path)).stacks}


def test_a_step_of_a_workload_account_names_that_accounts_stack(tmp_path: Path) -> None:
    def provision(models: dict) -> None:  # type: ignore[type-arg]
        models["claude"]["provisioned"] = {"model_units": 1, "commitment": "one_month"}
        models["claude"].pop("inference_profile")
    steps = _steps(tmp_path, provision)
    wanted = [s for s in steps["aws-workloads"] if s.startswith("Bedrock provisioned throughput")]
    assert wanted and "before applying the aws-workloads stack" in wanted[0], steps["aws-workloads"]
    assert not any("the aws stack" in s for stack in steps.values() for s in stack), "a step names no stack"


def test_steps_of_other_stacks_name_the_home_account_and_one_account_specs_are_untouched() -> None:
    vspec = load_spec(REPO / "examples" / "aws-accounts.yaml")
    real = derive(vspec).stacks[0]
    for name, cloud, expected in (("aws-workloads", "aws", "the aws-workloads stack"),
                                  ("gcp", "gcp", "the aws-network stack"),
                                  ("bootstrap-aws-workloads", "aws", "the aws-network stack")):
        stack = replace(real, name=name, cloud=cloud, manual_steps=("re-apply the aws stack.",))
        (out,) = name_stacks_in_steps([stack], vspec.spec)
        assert out.manual_steps == (f"re-apply {expected}.",)
    single = load_spec(REPO / "examples" / "aws-bedrock.yaml").spec
    assert name_stacks_in_steps([stack], single)[0] is stack  # no named accounts: nothing rewritten
