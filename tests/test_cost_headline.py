"""The cost headline never hides ignorance: a priced total plus the count of unpriced components, in every view."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from mcai.cli.app import app
from mcai.report.cost import CostSection
from mcai.report.cost_view import summary


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
            assert "$0.00/month" not in text, "a zero monthly total next to unpriced components reads as free"
        else:
            assert "unpriced" not in text


def _section(lines: list[tuple[str, str]], one_time: str = "0.00") -> CostSection:
    status = [s for s, _ in lines]
    total = sum((Decimal(c) for s, c in lines if s == "estimated"), Decimal("0"))
    return CostSection.model_validate({
        "assumptions": [], "price_catalogs": [], "token_prices": "t", "lines": [], "notes": [], "cache": None,
        "monthly_total_usd": {"low": f"{total:.2f}", "high": f"{total:.2f}"},
        "one_time_total_usd": {"low": one_time, "high": one_time}, "monthly_by_category_usd": {},
        "estimated": status.count("estimated"), "not_estimated": len(status) - status.count("estimated"),
        "price_not_found": status.count("price_not_found")})


@pytest.mark.parametrize(("lines", "one_time", "expected"), [
    ([("depends_on_usage", ""), ("price_not_found", "")], "0.00",
     "not priced: 2 of 2 components (1 depend on usage, 1 price not found)"),
    ([("estimated", "0.00"), ("depends_on_usage", "")], "0.00", "not priced: 1 of 2 components (1 depend on usage)"),
    ([("estimated", "0.00"), ("price_not_found", "")], "1200.00",
     "not priced: 1 of 2 components (1 price not found) + $1,200.00 one-time"),
    ([("estimated", "12045.00"), ("depends_on_usage", "")], "0.00",
     "$12,045.00/month priced (1 of 2 components) + 1 unpriced (1 depend on usage)"),
    ([("estimated", "0.00")], "0.00", "$0.00/month priced (1 of 1 components)"),
])
def test_a_zero_total_next_to_unpriced_components_says_not_priced(lines, one_time, expected) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: never '$0.00/month' while components are unpriced; a fully priced zero stays a figure."""
    assert summary(_section(lines, one_time)) == expected


def test_azure_openai_example_prices_its_data_zone_ptu_from_a_dated_source() -> None:
    """Issue 17: the example reported '$0.00/month priced (0 of 6 components)'; its data-zone PTU is now priced."""
    from conftest import REPO

    report = json.loads(CliRunner().invoke(app, ["plan", str(REPO / "examples" / "azure-openai.yaml"), "--dry-run",
                                                 "--format", "json"]).stdout)
    ptu = next(ln for ln in report["cost"]["lines"] if ln["id"] == "inference.gpt51.ptu")
    assert ptu["status"] == "estimated" and ptu["cost_usd"] == {"low": "12045.00", "high": "12045.00"}
    assert "prices.azure.com" in ptu["price"]["source"] and ptu["price"]["as_of"] == "2026-08-11"
    assert report["cost"]["monthly_total_usd"]["high"] != "0.00"


def test_every_generated_capacity_component_is_a_cost_line_never_a_guess() -> None:
    """Vector collections and dedicated endpoints appear as components: priced per unit where a source exists (the
    OCU count scales with load, so the collection 'depends on usage'), 'price not found' until one does."""
    from conftest import REPO

    report = json.loads(CliRunner().invoke(app, ["plan", str(REPO / "examples" / "aws-bedrock.yaml"), "--dry-run",
                                                 "--format", "json"]).stdout)
    line = next(ln for ln in report["cost"]["lines"] if ln["id"] == "data.vectors.ocu")
    assert line["status"] == "depends_on_usage" and line["cost_usd"] is None and line["category"] == "data"
    assert line["note"] == "depends on usage: $0.24 per OCU-hour", line
    vertex = json.loads(CliRunner().invoke(app, ["plan", str(REPO / "examples" / "gcp-vertex.yaml"), "--dry-run",
                                                 "--format", "json"]).stdout)
    assert any(ln["id"].endswith(".endpoint") and ln["status"] == "price_not_found" for ln in vertex["cost"]["lines"])
