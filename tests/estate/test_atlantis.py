"""`mcai atlantis`: one Atlantis project per generated stack, in apply order, for a spec or an estate.

No schema or parser of atlantis.yaml is installable from PyPI or npm (Atlantis is a Go server), so the output is
checked against the keys and types of the repo-level reference (runatlantis.io/docs/repo-level-atlantis-yaml,
version 3, `depends_on` since v0.27), transcribed below, and against the tree `mcai plan` writes.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app

STRINGS = {"type": "array", "items": {"type": "string"}}
STEP = {"oneOf": [{"enum": ["init", "plan", "apply", "show", "policy_check", "import", "state_rm"]},
                  {"type": "object", "maxProperties": 1, "additionalProperties": {
                      "type": "object", "properties": {"extra_args": STRINGS}, "additionalProperties": False}}]}
STAGE = {"type": "object", "properties": {"steps": {"type": "array", "items": STEP}}, "additionalProperties": False}
REFERENCE = {  # repo-level atlantis.yaml, the keys the reference documents
    "type": "object", "required": ["version"], "additionalProperties": False,
    "properties": {
        "version": {"const": 3}, "automerge": {"type": "boolean"}, "parallel_plan": {"type": "boolean"},
        "parallel_apply": {"type": "boolean"}, "abort_on_execution_order_fail": {"type": "boolean"},
        "delete_source_branch_on_merge": {"type": "boolean"}, "allowed_regexp_prefixes": STRINGS,
        "autodiscover": {"type": "object"},
        "projects": {"type": "array", "items": {
            "type": "object", "required": ["dir"], "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "pattern": "^[A-Za-z0-9._/-]+$"}, "branch": {"type": "string"},
                "dir": {"type": "string"}, "workspace": {"type": "string"},
                "execution_order_group": {"type": "integer"}, "delete_source_branch_on_merge": {"type": "boolean"},
                "repo_locking": {"type": "boolean"}, "custom_policy_check": {"type": "boolean"},
                "autoplan": {"type": "object", "additionalProperties": False,
                             "properties": {"enabled": {"type": "boolean"}, "when_modified": STRINGS}},
                "terraform_version": {"type": "string"}, "plan_requirements": STRINGS, "apply_requirements": STRINGS,
                "import_requirements": STRINGS, "silence_pr_comments": STRINGS, "workflow": {"type": "string"},
                "depends_on": STRINGS}}},
        "workflows": {"type": "object", "additionalProperties": {
            "type": "object", "additionalProperties": False,
            "properties": {"plan": STAGE, "apply": STAGE, "import": STAGE, "state_rm": STAGE,
                           "policy_check": STAGE}}}}}


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def config(*args: str) -> dict:  # type: ignore[type-arg]
    result = run("atlantis", *args)
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    jsonschema.validate(data, REFERENCE)
    return data  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def at_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def test_one_project_per_stack_in_apply_order() -> None:
    data = config("examples/production-pattern.yaml")
    projects = data["projects"]
    assert [p["name"] for p in projects] == ["production-pattern-aws", "production-pattern-azure",
                                             "production-pattern-gcp"]
    assert [p["dir"] for p in projects] == [f"generated/production-pattern/{c}" for c in ("aws", "azure", "gcp")]
    assert [p.get("depends_on") for p in projects] == [None, ["production-pattern-aws"],
                                                       ["production-pattern-azure"]]
    assert [p["execution_order_group"] for p in projects] == [4, 5, 6]  # 1-3: bootstrap stacks, applied by hand
    assert all(p["workflow"] in data["workflows"] for p in projects)
    init = data["workflows"]["mcai"]["plan"]["steps"][0]
    assert init == {"init": {"extra_args": ["-backend-config=backend.hcl"]}}  # the stacks' backends are partial


def test_an_estate_gets_every_spec_s_stacks_and_the_dirs_are_what_plan_writes(tmp_path: Path) -> None:
    data = config("examples/environments", "-o", "infra")
    assert [p["dir"] for p in data["projects"]] == ["infra/dev/aws", "infra/prod/aws"]
    names = [p["name"] for p in data["projects"]]
    assert len(set(names)) == len(names)
    result = run("plan", "examples/environments", "-o", str(tmp_path / "infra"), "-q")
    assert result.exit_code == 0, result.stderr
    for project in data["projects"]:
        assert (tmp_path / project["dir"] / "main.tf").is_file()


def test_the_output_is_deterministic_and_says_how_to_regenerate() -> None:
    first = run("atlantis", "examples/environments").stdout
    assert first == run("atlantis", "examples/environments").stdout
    assert first.startswith("# Generated by mcai ") and "mcai atlantis examples/environments > atlantis.yaml" in first


def test_paths_must_be_relative_to_the_repository_root(tmp_path: Path) -> None:
    assert run("atlantis", str(REPO / "examples" / "aws-bedrock.yaml")).exit_code == 2
    # an absolute OUT (any machine's: the test's own temporary directory) is refused like an absolute spec
    assert run("atlantis", "examples/aws-bedrock.yaml", "-o", str(tmp_path / "out")).exit_code == 2


def test_an_estate_with_a_conflict_gets_no_config(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((REPO / "examples" / "aws-bedrock.yaml").read_text())
    import os

    result = run("atlantis", *(os.path.relpath(tmp_path / name, REPO) for name in ("a.yaml", "b.yaml")))
    assert result.exit_code == 1 and result.stdout == ""
