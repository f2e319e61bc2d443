"""Terminal manners: width from the terminal (80 when not one), the spec from stdin, shell completion, and a
generated README whose commands reproduce the tree exactly."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app

EXAMPLE = REPO / "examples" / "production-pattern.yaml"


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_table_is_80_columns_when_not_a_terminal_and_follows_columns() -> None:
    plain = CliRunner().invoke(app, ["plan", str(EXAMPLE), "--dry-run"])
    assert plain.exit_code == 0 and widest(plain.stdout) == 80
    wide = CliRunner().invoke(app, ["plan", str(EXAMPLE), "--dry-run"], env={"COLUMNS": "150"})
    assert 80 < widest(wide.stdout) <= 150


def test_spec_from_stdin() -> None:
    text = EXAMPLE.read_text()
    result = CliRunner().invoke(app, ["plan", "-", "--dry-run", "--format", "json"], input=text)
    assert result.exit_code == 0, result.stderr
    assert '"name": "support-assistant"' in result.stdout
    bad = CliRunner().invoke(app, ["validate", "-"], input=text.replace("version: 1", "version: 2"))
    assert bad.exit_code == 1 and re.search(r"^<stdin>:\d+:\d+: version: ", bad.stderr, re.M), bad.stderr
    assert CliRunner().invoke(app, ["plan", "-"], input=text).exit_code == 2, "writing needs -o"


def test_shell_completion() -> None:
    """`mcai --install-completion` installs what these print: the script, then completions for a partial line."""
    runner = CliRunner()
    script = runner.invoke(app, [], prog_name="mcai", env={"_MCAI_COMPLETE": "source_bash"})
    assert script.exit_code == 0 and "_mcai_completion()" in script.stdout
    words = runner.invoke(app, [], prog_name="mcai",
                          env={"_MCAI_COMPLETE": "complete_bash", "COMP_WORDS": "mcai pl", "COMP_CWORD": "1"})
    assert words.stdout.split() == ["plan"]
    options = runner.invoke(app, [], prog_name="mcai", env={"_MCAI_COMPLETE": "complete_bash",
                                                           "COMP_WORDS": "mcai plan x --form", "COMP_CWORD": "3"})
    assert options.stdout.split() == ["--format"]
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_generated_readme_command_reproduces_the_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    shutil.copy(REPO / "examples" / "aws-bedrock.yaml", tmp_path / "specs" / "estate.yaml")
    assert CliRunner().invoke(app, ["plan", "specs/estate.yaml", "-o", "iac/estate"]).exit_code == 0
    readme = (tmp_path / "iac" / "estate" / "README.md").read_text()
    commands = re.findall(r"`(mcai plan [^`]+)`", readme)
    assert commands[0] == "mcai plan ../../specs/estate.yaml -o ."
    assert commands[1] == commands[0] + " --check"
    monkeypatch.chdir(tmp_path / "iac" / "estate")  # the README's commands run where the README is
    for command in commands:
        result = CliRunner().invoke(app, shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.stderr)
    assert "up to date" in result.stderr
