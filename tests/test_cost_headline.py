"""The cost headline never hides ignorance: a priced total plus the count of unpriced components, in every view."""

from __future__ import annotations

import json
import re

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from mcai.cli.app import app


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_headline_shows_priced_total_and_unpriced_count(example) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    report = json.loads(runner.invoke(app, ["plan", str(example), "--dry-run", "--format", "json"]).stdout)
    cost = report["cost"]
    assert cost["estimated"] + cost["not_estimated"] == len(cost["lines"])
    markdown = runner.invoke(app, ["plan", str(example), "--dry-run", "--format", "markdown"]).stdout
    table = runner.invoke(app, ["plan", str(example), "--dry-run"], terminal_width=200).stdout
    for text in (markdown.splitlines()[2], " ".join(table.split("Stacks (apply order)")[0].split())):
        match = re.search(r"\$[\d,.]+(?: - \$[\d,.]+)?/month priced \((\d+) of (\d+) components\)", text)
        assert match, text
        assert int(match.group(1)) == cost["estimated"] and int(match.group(2)) == len(cost["lines"])
        if cost["not_estimated"]:
            assert f"+ {cost['not_estimated']} unpriced (" in text
        else:
            assert "unpriced" not in text
