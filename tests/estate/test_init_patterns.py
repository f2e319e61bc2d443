"""`mcai init --pattern NAME [DIR]` and `--list` (in-process; the installed-wheel run is in tests/test_wheel.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app
from mcai.patterns import PATTERNS

REQUIRED = {"aws-bedrock", "azure-openai-ptu", "gcp-vertex", "production-pattern", "environments"}


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_the_issue_s_patterns_exist_and_are_the_shipped_examples() -> None:
    assert set(PATTERNS) >= REQUIRED
    for pattern in PATTERNS.values():
        assert all((REPO / "examples" / source).is_file() for source in pattern.files.values())
        assert set(pattern.specs) <= set(pattern.files)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_pattern_writes_specs_that_validate(name: str, tmp_path: Path) -> None:
    result = run("init", "--pattern", name, "-C", str(tmp_path), "team")
    assert result.exit_code == 0, result.stderr
    for spec in PATTERNS[name].specs:
        assert run("validate", str(tmp_path / "team" / spec)).exit_code == 0
        assert f"next: mcai plan team/{spec}" in result.stderr


def test_init_never_replaces_a_file_and_names_it(tmp_path: Path) -> None:
    (tmp_path / "dev.yaml").write_text("mine\n")
    result = run("init", "--pattern", "environments", str(tmp_path))
    assert result.exit_code == 1 and "dev.yaml: exists; not replaced" in result.stderr
    assert (tmp_path / "dev.yaml").read_text() == "mine\n" and not (tmp_path / "base.yaml").exists()


def test_unknown_pattern_suggests_the_close_one(tmp_path: Path) -> None:
    result = run("init", "--pattern", "gcp-vertx", str(tmp_path))
    assert result.exit_code == 2 and "'gcp-vertex'?" in result.output


def test_pattern_with_ci_writes_both_and_a_multi_spec_pattern_asks_for_one_spec(tmp_path: Path) -> None:
    result = run("init", "--pattern", "aws-bedrock", "infra", "--ci", "github", "--package", "mcai", "-C",
                 str(tmp_path))
    assert result.exit_code == 0, result.stderr
    workflow = (tmp_path / ".github" / "workflows" / "mcai.yml").read_text()
    assert "infra/aws-bedrock.yaml" in workflow and (tmp_path / "infra" / "aws-bedrock.yaml").is_file()
    result = run("init", "--pattern", "environments", "env", "--ci", "github", "--package", "mcai", "-C",
                 str(tmp_path))
    assert result.exit_code == 2 and "has 2 specs" in result.output and not (tmp_path / "env").exists()


def test_list_describes_every_pattern_on_stdout() -> None:
    result = run("init", "--list")
    assert result.exit_code == 0 and result.stderr == ""
    assert [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")] == list(PATTERNS)


def test_init_without_pattern_or_ci_is_a_usage_error() -> None:
    assert run("init").exit_code == 2
    assert run("init", "spec.yaml").exit_code == 2
