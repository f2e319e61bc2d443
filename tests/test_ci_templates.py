"""Templates to copy: the GitHub composite action, the pre-commit hook (run through pre-commit itself against a
sample repository), the GitLab job, and `mcai init --ci github|gitlab` writing them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app

EXAMPLE = REPO / "examples" / "aws-bedrock.yaml"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_action_is_a_composite_action_that_passes_inputs_through_the_environment() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"spec", "out", "fail-on", "package", "comment"} <= set(action["inputs"])
    assert action["inputs"]["spec"]["required"] is True
    steps = action["runs"]["steps"]
    names = [s.get("name", s.get("uses")) for s in steps]
    assert names[-1] == "Gate" and any("Comment" in n for n in names) and any("--check" in n for n in names)
    for step in steps:
        script = step.get("run", "")
        assert "${{ inputs." not in script and "${{ github." not in script, f"{step.get('name')}: expression in run"
        if script:
            assert step["shell"] == "bash"
    plan = next(s for s in steps if s.get("id") == "plan")["run"]
    assert "--check" in plan and "--baseline" in plan and "GITHUB_STEP_SUMMARY" in plan


def test_init_github_writes_workflow_and_action_and_never_replaces(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "topology.yaml")
    args = ["init", "topology.yaml", "--ci", "github", "--package", "git+https://git.example/org/mcai@v0.1.0",
            "-C", str(tmp_path)]
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    workflow = yaml.safe_load((tmp_path / ".github" / "workflows" / "mcai.yml").read_text())
    step = workflow["jobs"]["plan"]["steps"][1]
    assert step["uses"] == "./.github/actions/mcai"
    assert step["with"] == {"spec": "topology.yaml", "out": "generated/topology", "fail-on": "error",
                            "package": "git+https://git.example/org/mcai@v0.1.0"}
    assert (tmp_path / ".github" / "actions" / "mcai" / "action.yml").read_bytes() == (REPO / "action.yml").read_bytes()
    again = run(*args)
    assert again.exit_code == 1 and "not replaced" in again.stderr


def test_init_gitlab_and_bad_values(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "topology.yaml")
    result = run("init", "topology.yaml", "--ci", "gitlab", "--package", "mcai==0.1.0", "-o", "iac/ai",
                 "-C", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    job = yaml.safe_load((tmp_path / ".gitlab" / "mcai.gitlab-ci.yml").read_text())["mcai-plan"]
    assert job["variables"] == {"MCAI_SPEC": "topology.yaml", "MCAI_OUT": "iac/ai", "MCAI_FAIL_ON": "error"}
    assert any("--baseline" in line for line in job["script"]) and "include" in result.stderr
    bad = run("init", "topology.yaml", "--ci", "github", "--package", 'x"; rm -rf /', "-C", str(tmp_path))
    assert bad.exit_code == 2 and not (tmp_path / ".github").exists()
    invalid = tmp_path / "bad.yaml"
    invalid.write_text("version: 1\n")
    assert run("init", "bad.yaml", "--ci", "github", "--package", "mcai", "-C", str(tmp_path)).exit_code == 1


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def test_pre_commit_hook_runs_through_pre_commit(tmp_path: Path) -> None:
    """The real `pre-commit` installs mcai from this repository (at its HEAD commit) and runs the hook."""
    sample = tmp_path / "sample"
    sample.mkdir()
    shutil.copy(EXAMPLE, sample / "topology.yaml")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    assert run("plan", str(sample / "topology.yaml"), "-o", str(sample / "generated" / "topology")).exit_code == 0
    rev = _git(REPO, "rev-parse", "HEAD")
    (sample / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{
        "repo": str(REPO), "rev": rev,
        "hooks": [{"id": "mcai-check", "args": ["topology.yaml", "-o", "generated/topology"]}]}]}))
    _git(sample, "init", "-q")
    _git(sample, "add", "-A")
    precommit = [sys.executable, "-m", "pre_commit", "run", "mcai-check", "--all-files"]
    ok = subprocess.run(precommit, cwd=sample, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "mcai generated Terraform is up to date" in ok.stdout and "Passed" in ok.stdout
    (sample / "generated" / "topology" / "aws" / "extra.tf").write_text('resource "aws_s3_bucket" "x" {}\n')
    stale = subprocess.run(precommit, cwd=sample, env=env, capture_output=True, text=True)
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "Failed" in stale.stdout and "exit code: 3" in stale.stdout
    assert "foreign: generated/topology/aws/extra.tf" in stale.stdout


def test_ci_templates_name_no_machine_path() -> None:
    """Runner paths come from the CI system (RUNNER_TEMP, mktemp) or a variable, never a fixed /tmp location."""
    for template in (REPO / "templates" / "ci").iterdir():
        text = template.read_text()
        assert "/tmp" not in text, template.name
    gitlab = (REPO / "templates" / "ci" / "gitlab-ci.yml").read_text()
    assert 'base="${MCAI_BASE_DIR:-$(mktemp -d)}/target-branch"' in gitlab
