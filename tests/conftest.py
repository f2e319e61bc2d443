"""Shared test options and fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
# Layouts of several files (a base imported by one spec per environment): golden name -> the spec that is planned.
LAYOUTS = {f"environments-{env}": REPO / "examples" / "environments" / f"{env}.yaml" for env in ("dev", "prod")}
GOLDEN = REPO / "tests" / "golden"
UPDATE_COMMAND = "python -m pytest tests/test_goldens.py --update-goldens"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="Rewrite tests/golden/ and tests/invalid/*.expected from the current code.")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))
