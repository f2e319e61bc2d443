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


def test_every_generated_capacity_component_is_a_cost_line_never_a_guess() -> None:
    """Vector collections and dedicated endpoints appear as components: 'price not found' until a source exists."""
    from conftest import REPO

    report = json.loads(CliRunner().invoke(app, ["plan", str(REPO / "examples" / "aws-bedrock.yaml"), "--dry-run",
                                                 "--format", "json"]).stdout)
    line = next(ln for ln in report["cost"]["lines"] if ln["id"] == "data.vectors.ocu")
    assert line["status"] == "price_not_found" and line["cost_usd"] is None and line["category"] == "data"
    assert "store.opensearch_serverless.ocu" in line["note"]
    vertex = json.loads(CliRunner().invoke(app, ["plan", str(REPO / "examples" / "gcp-vertex.yaml"), "--dry-run",
                                                 "--format", "json"]).stdout)
    assert any(ln["id"].endswith(".endpoint") and ln["status"] == "price_not_found" for ln in vertex["cost"]["lines"])
