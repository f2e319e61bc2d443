"""`--dist loadgroup` really groups: the checkov scan, LiteLLM's loader and the wheel build are shared fixtures that
must run on one worker, once. pytest 9.2 stopped xdist 3.8 from grouping without any error (every worker then built
each fixture again, minutes of CI), so this checks the mechanism itself under the README's `-n auto` run."""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.xdist_group("probe")


def test_grouped_tests_carry_their_group_tag(request: pytest.FixtureRequest) -> None:
    if "PYTEST_XDIST_WORKER" not in os.environ:
        pytest.skip("not distributed (-n 0): there are no workers to group onto")
    assert request.node.nodeid.endswith("@probe"), (
        f"xdist did not tag {request.node.nodeid!r} with its group, so grouped tests are spread over workers and "
        "shared fixtures run once per worker: check the pytest / pytest-xdist versions (pyproject bounds pytest)")
