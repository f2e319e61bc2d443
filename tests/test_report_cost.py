"""The report carries the cost section and findings; it validates against its own published JSON Schema; the
Markdown is a complete PR comment; --prices and --fail-on behave as the CLI contract says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from conftest import EXAMPLES, REPO
from typer.testing import CliRunner

from mcai.cli.app import app

runner = CliRunner()
ARTICLE = REPO / "examples" / "article-egress.yaml"
PRODUCTION = REPO / "examples" / "production-pattern.yaml"


def plan(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["plan", *args, "--dry-run"])
    return result.exit_code, result.stdout, result.stderr


def test_every_example_report_validates_against_the_published_schema(tmp_path: Path) -> None:
    schema = json.loads(runner.invoke(app, ["schema", "--report"]).stdout)
    for example in EXAMPLES:
        code, out, err = plan(str(example), "-o", str(tmp_path / example.stem), "-f", "json")
        assert code == 0, err
        report = json.loads(out)
        jsonschema.validate(report, schema)
        assert report["schema"] == "mcai.report/v1" and report["cost"]["schema"] == "mcai.cost/v1.2"


def test_json_cost_section_has_sources_on_every_priced_line(tmp_path: Path) -> None:
    code, out, _ = plan(str(PRODUCTION), "-o", str(tmp_path), "-f", "json")
    cost = json.loads(out)["cost"]
    assert code == 0 and cost["token_prices"].startswith("genai-prices 0.2.3 (data as of ")
    categories = {ln["category"] for ln in cost["lines"]}
    assert {"inference", "cache"} <= categories
    for ln in cost["lines"]:
        if ln["status"] != "price_not_found":
            assert ln["price"]["source"] and ln["price"]["as_of"], ln["id"]
        if ln["status"] == "estimated":
            assert ln["cost_usd"] is not None
    ptu = next(ln for ln in cost["lines"] if ln["id"] == "inference.gpt51.ptu")
    assert ptu["cost_usd"] == {"low": "109500.00", "high": "109500.00"}  # 150 PTU x 730 h x $1
    assert cost["cache"]["monthly_cost_usd"] == {"low": "510.42", "high": "510.42"}


def test_prices_override_changes_numbers_and_source_in_the_report(tmp_path: Path) -> None:
    prices = tmp_path / "p.yaml"
    prices.write_text("version: 1\nname: contract\nprices:\n  egress.aws.azure.internet:\n    value: '0.05'\n"
                      "    unit: usd_per_gb\n    source: Contract 42\n    as_of: 2026-10-01\n")
    code, out, err = plan(str(ARTICLE), "-o", str(tmp_path / "o"), "-f", "json", "--prices", str(prices))
    assert code == 0, err
    line = next(ln for ln in json.loads(out)["cost"]["lines"] if ln["id"] == "egress.requests.aws-azure")
    assert line["cost_usd"]["low"] == "4.00" and line["price"]["source"] == "Contract 42"
    assert line["price"]["catalog"] == "contract"


def test_bad_prices_file_exits_1_with_located_messages_and_writes_nothing(tmp_path: Path) -> None:
    prices = tmp_path / "p.yaml"
    prices.write_text("version: 1\nprices:\n  egress.aws.internet: {value: 0.1, unit: per_gb, source: abc, "
                      "as_of: 2026-01-01}\n")
    result = runner.invoke(app, ["plan", str(ARTICLE), "-o", str(tmp_path / "o"), "--prices", str(prices)])
    assert result.exit_code == 1 and not (tmp_path / "o").exists()
    assert f"{prices}:3:43: prices.egress.aws.internet.unit: must be one of" in result.stderr


def test_fail_on_makes_findings_a_ci_gate(tmp_path: Path) -> None:
    assert plan(str(ARTICLE), "-o", str(tmp_path), "--fail-on", "warning")[0] == 4
    code, _, err = plan(str(ARTICLE), "-o", str(tmp_path), "--fail-on", "error")
    assert code == 0, err  # the article example has warnings only
    assert plan(str(ARTICLE), "-o", str(tmp_path))[0] == 0


def test_markdown_is_a_complete_pr_comment(tmp_path: Path) -> None:
    code, md, _ = plan(str(ARTICLE), "-o", str(tmp_path), "-f", "markdown")
    assert code == 0
    summary = md.splitlines()[2]
    assert "2 stack(s)" in summary and "$35,187.20 - $55,187.20/month priced (5 of 8 components) + $1,200.00 one-time + 3 unpriced" in summary
    for heading in ("### Stacks", "### Findings", "### Cost", "### Files", "### Topology"):
        assert heading in md
    assert "| prompt context aws -\\> azure for model 'gpt51' over internet | 80 GB | $0.09 per GB | $7.20 |" in md
    assert "| **Total monthly** | | | **$35,187.20 - $55,187.20** | |" in md
    assert "| **Total one-time** | | | **$1,200.00** | |" in md
    assert "depends on usage: $0.087 per GB" in md
    block = re.search(r"```mermaid\n(.*?)```", md, flags=re.S)
    assert block and block.group(1).startswith("flowchart LR")


def test_markdown_shows_cache_saving_and_payback(tmp_path: Path) -> None:
    text = ARTICLE.read_text().replace("  chain: [gpt51]\n", "  chain: [gpt51]\n  cache: {cloud: aws, engine: "
                                       "valkey, node_type: cache.r7g.xlarge, replicas: 1, expected_hit_rate: 0.2}\n")
    spec = tmp_path / "cached.yaml"
    spec.write_text(text)
    code, md, _ = plan(str(spec), "-o", str(tmp_path / "o"), "-f", "markdown")
    assert code == 0
    assert "Cache: costs $510.42/month, saves $7,001.44 - $11,001.44/month, pays for itself 13.7x - 21.6x" in md


def test_table_has_no_colour_codes_when_not_a_terminal(tmp_path: Path) -> None:
    code, out, _ = plan(str(ARTICLE), "-o", str(tmp_path))
    assert code == 0 and "\x1b[" not in out
    assert "Cost: $35,187.20 - $55,187.20/month" in out
