"""Promises the repository makes to a newcomer: the README's set-up commands are the ones CI runs."""

from __future__ import annotations

import re

from conftest import REPO


def readme_commands() -> list[str]:
    first_screen = (REPO / "README.md").read_text().split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", first_screen, flags=re.S)


def test_readme_first_screen_has_exactly_two_setup_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2, commands
    assert "mcai plan examples/" in commands[0]
    assert "[test]" in commands[1] and "pytest" in commands[1]


def test_setup_commands_create_and_use_one_venv() -> None:
    """Both commands work where the system Python refuses `pip install` (PEP 668): they create .venv if missing and
    run pip, mcai and pytest from it, never from the system interpreter."""
    for command in readme_commands():
        assert command.startswith("{ [ -d .venv ] || python3 -m venv .venv; } && "), command
        for tool in ("pip install", "pytest", "mcai plan"):
            if tool in command:
                before = command.split(tool, 1)[0].rsplit("&&", 1)[-1]
                assert ".venv/bin/" in before, (tool, command)


def test_ci_runs_the_readme_test_command() -> None:
    assert readme_commands()[1].strip() in (REPO / ".ci" / "run").read_text()


def test_no_generated_or_stub_artifacts_are_tracked() -> None:
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert ".terraform/" not in tracked and ".terraform.lock.hcl" not in tracked and ".tfstate" not in tracked


def test_lint_is_clean() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "tools"], cwd=REPO,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
