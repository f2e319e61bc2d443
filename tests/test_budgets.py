"""Budgets from the estimate: every cost line is attributed to the cloud that bills it, each cloud's budget is its
priced monthly subtotal plus the spec's margin (whatever prices the run used), and the report names the source and
what the estimate could not price."""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

from mcai import findings
from mcai.cost import estimate_spec, load_prices
from mcai.cost.budgets import budget_amounts
from mcai.pipeline import derive_all, plan
from mcai.spec import load_spec, parse_spec

PRODUCTION = REPO / "examples" / "production-pattern.yaml"


def _budget_inputs(topology) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {s.cloud: m.inputs for s in topology.stacks for m in s.modules if m.label == "budget"}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_line_is_billed_by_a_cloud(example: Path) -> None:
    est = estimate_spec(load_spec(example))
    assert {ln.id: ln.cloud for ln in est.lines if ln.cloud not in ("aws", "azure", "gcp")} == {}
    monthly = [ln for c in ("aws", "azure", "gcp") for ln in est.for_cloud(c) if ln.counted]
    assert sum(ln.cost.high for ln in monthly) == est.monthly.high, "per-cloud subtotals add up to the estimate"


def test_each_cloud_budget_is_its_priced_subtotal_plus_the_margin() -> None:
    vspec, topology, _ = derive_all(PRODUCTION)
    est = estimate_spec(vspec)
    inputs = _budget_inputs(topology)
    assert sorted(inputs) == ["aws", "azure", "gcp"]
    for cloud in ("aws", "azure"):
        subtotal = sum(ln.cost.high for ln in est.for_cloud(cloud) if ln.counted)
        assert subtotal > 0
        expected = int((subtotal * Decimal("1.25")).to_integral_value(rounding=ROUND_CEILING))
        assert inputs[cloud]["amount_usd"] == expected
    assert inputs["gcp"]["amount_usd"] == 10, "nothing priced for gcp: the spec's minimum"
    assert inputs["gcp"]["billing_account"] == "012345-6789AB-CDEF01"
    assert inputs["azure"]["start_month"] == "2027-01"


def test_prices_given_to_plan_move_the_rendered_budget(tmp_path: Path) -> None:
    prices = tmp_path / "prices.yaml"
    prices.write_text("version: 1\nname: negotiated\nprices:\n  link.ha_vpn.tunnel:\n    value: 0.5\n"
                      "    unit: usd_per_unit_hour\n    source: Our enterprise agreement, schedule C\n    as_of: 2026-10-01\n")
    result = plan(PRODUCTION, tmp_path / "out", mode="dry-run", prices=prices)
    # 4 tunnels x 730 h x $0.50 = $1,460 priced for the gcp side of the HA VPN; + 25% = $1,825
    assert _budget_inputs(result.topology)["gcp"]["amount_usd"] == 1825
    assert re.search(r'amount_usd\s+= 1825\n', result.tree["gcp/main.tf"].decode())
    found = [f for f in result.report.findings if f.id == "budget-from-estimate" and f.message.startswith("gcp")]
    assert found and "$1,460.00" in found[0].message
    amounts = budget_amounts(estimate_spec(result.spec, load_prices(prices)), result.spec.spec.budgets,
                             (("gcp", "gcp"),))
    assert amounts["gcp"].amount_usd == 1825


def test_report_names_each_source_and_warns_about_unpriced_lines() -> None:
    vspec, topology, _ = derive_all(PRODUCTION)
    found = findings.run(vspec, topology)
    sources = sorted(f.message.split(":")[0] for f in found if f.id == "budget-from-estimate")
    assert sources == ["aws budget", "azure budget", "gcp budget"]
    warned = {f.message.split()[1]: f for f in found if f.id == "budget-excludes-unpriced"}
    assert "link.1.ha_vpn.tunnel" in warned["gcp"].message and "25% margin must cover" in warned["gcp"].message
    assert re.search(r"production-pattern\.yaml:\d+:\d+$", warned["gcp"].location)


def test_no_budgets_without_the_section_and_no_clock_in_the_modules() -> None:
    text = PRODUCTION.read_text()
    without = re.sub(r"\nbudgets:\n(  .*\n|\s*\n)*", "\n", text)
    assert "budgets:" not in without
    vspec = parse_spec(without, "production-pattern.yaml", PRODUCTION.parent)
    from mcai.topology import derive

    assert _budget_inputs(derive(vspec)) == {}
    for module in ("aws-budget", "azure-budget", "gcp-budget"):
        for tf in (REPO / "modules" / module).glob("*.tf"):
            code = "\n".join(ln for ln in tf.read_text().splitlines() if not ln.lstrip().startswith("#"))
            assert "timestamp(" not in code, f"{tf}: a budget read from the clock changes on every plan"


def test_margin_and_minimum_follow_the_spec() -> None:
    text = PRODUCTION.read_text().replace("margin_percent: 25", "margin_percent: 0\n  minimum_monthly_usd: 50")
    vspec = parse_spec(text, "production-pattern.yaml", PRODUCTION.parent)
    amounts = budget_amounts(estimate_spec(vspec), vspec.spec.budgets,
                             (("aws", "aws"), ("azure", "azure"), ("gcp", "gcp")))
    assert amounts["gcp"].amount_usd == 50 and amounts["gcp"].minimum_used
    aws = amounts["aws"]
    assert aws.amount_usd == int(aws.priced.high.to_integral_value(rounding=ROUND_CEILING)) and not aws.minimum_used
