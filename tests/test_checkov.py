"""Policy scanning: checkov (pinned, tools/policyscan.py) over every golden stack finds nothing unexplained.

Every check either passes, or the generated code skips it inline (`# checkov:skip=ID:reason`, written in the module
that mcai copies into the stack) with a reason a reviewer can read; the README's security section lists each
skipped check. One checkov process scans all goldens (~15 s warm; the first run installs checkov, ~1.5 min).
"""

from __future__ import annotations

import re

import pytest
from conftest import GOLDEN, REPO
from policyscan import scan

# One worker runs this module and its fixture lives for that worker's session, so the checkov scan runs once: a
# module-scoped fixture was set up twice whenever xdist interleaved other tests between this module's.
pytestmark = [pytest.mark.terraform, pytest.mark.xdist_group("checkov")]


@pytest.fixture(scope="session")
def result():
    return scan(GOLDEN)


def test_checkov_finds_no_unskipped_failure(result) -> None:
    assert not result.parsing_errors, f"checkov could not parse: {result.parsing_errors}"
    assert result.passed > 0, "checkov scanned nothing"
    assert not result.failed, ("checkov failures (fix the module, or skip inline with a reason):\n"
                               + "\n".join(map(str, result.failed)))


def test_every_skip_says_why(result) -> None:
    vague = [c for c in result.skipped if len(c.reason.strip()) < 20]
    assert not vague, "skips without a real reason:\n" + "\n".join(map(str, vague))


def test_readme_lists_every_skipped_check(result) -> None:
    readme = (REPO / "README.md").read_text()
    section = readme.split("### Policy checks mcai skips", 1)
    assert len(section) == 2, "README has no '### Policy checks mcai skips' section"
    listed = set(re.findall(r"`(CKV2?_[A-Z]+_\d+)`", section[1].split("\n## ", 1)[0]))
    skipped = {c.check_id for c in result.skipped}
    assert skipped <= listed, f"skipped but not explained in the README: {sorted(skipped - listed)}"
    assert listed <= skipped, f"README explains skips mcai no longer makes: {sorted(listed - skipped)}"
