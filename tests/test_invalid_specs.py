"""Every broken spec in tests/invalid/ fails with exactly its expected messages, exit 1, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app

INVALID = REPO / "tests" / "invalid"
CASES = sorted(INVALID.glob("*.yaml"))
UPDATE = "python -m pytest tests/test_invalid_specs.py --update-goldens"


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_invalid_spec_reports_exact_messages(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             update_goldens: bool) -> None:
    monkeypatch.chdir(INVALID)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["plan", case.name, "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert result.stdout == "", "problems belong on stderr, stdout stays clean for data"
    assert "Traceback" not in result.stderr
    assert not out.exists(), "a bad spec must not write anything"
    messages = [line for line in result.stderr.splitlines() if not line.endswith("nothing was written.")]
    expected_file = case.with_suffix(".expected")
    if update_goldens:
        expected_file.write_text("\n".join(messages) + "\n", encoding="utf-8")
    assert expected_file.exists(), f"missing {expected_file.name}; create it with: {UPDATE}"
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert messages == expected, f"messages differ from {expected_file.name}; if intended: {UPDATE}"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_validate_agrees_with_plan(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID)
    result = CliRunner().invoke(app, ["validate", case.name])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == case.with_suffix(".expected").read_text().splitlines()
