"""Estimator behaviour beyond the article: cache saving and payback, provisioned capacity, missing prices, catalog
overrides and their validation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REPO

from mcai.cost import estimate_spec, load_prices
from mcai.diagnostics import SpecError
from mcai.spec import load_spec, parse_spec

ARTICLE = REPO / "examples" / "article-egress.yaml"
CACHE = "  chain: [gpt51]\n  cache: {cloud: aws, engine: valkey, node_type: cache.r7g.xlarge, replicas: 1, " \
        "expected_hit_rate: 0.2}\n"


def with_cache() -> str:
    text = ARTICLE.read_text()
    return text.replace("  chain: [gpt51]\n", CACHE).replace("output_tokens: [100, 300]", "output_tokens: 150")


def test_cache_cuts_calls_and_boundary_egress_and_reports_saving_and_payback() -> None:
    est = estimate_spec(parse_spec(with_cache(), "x.yaml"))
    # without a cache: 10M x (2,000 x $1.25 + 150 x $10) / 1M = $40,000 tokens (GPT-5.1), $7.20 egress
    assert est.line("inference.gpt51.input_tokens").cost.low == Decimal("20000.00")  # 80% of $25,000
    assert est.line("egress.requests.aws-azure").cost.low == Decimal("5.760")  # 64 GB x $0.09
    cache = est.line("cache.aws")
    assert cache.quantity.low == Decimal(1460) and cache.cost.low == Decimal("510.4160")  # 2 nodes x 730 h x $0.3496
    assert est.cache.saving.low == Decimal("8001.44")  # 20% of $40,007.20
    assert est.cache.payback.low.quantize(Decimal("0.1")) == Decimal("15.7")  # 8,001.44 / 510.42


def test_provisioned_azure_deployment_is_priced_in_ptu_hours_with_reservation_alternatives() -> None:
    est = estimate_spec(load_spec(REPO / "examples" / "production-pattern.yaml"))
    line = est.line("inference.gpt51.ptu")
    assert line.quantity.low == Decimal(150 * 730) and line.cost.low == Decimal(109500)
    assert "1-year reservation $221.00/PTU-month = $33,150.00" in line.note
    assert est.line("inference.gpt51-paygo.input_tokens").status == "depends_on_usage"  # spillover volume unknown


def test_bedrock_model_units_without_a_sourced_price_are_never_guessed() -> None:
    est = estimate_spec(load_spec(REPO / "examples" / "aws-bedrock.yaml"))
    line = est.line("inference.haiku.model_units")
    assert line.status == "price_not_found" and line.cost is None
    assert "model_units.bedrock.one_month" in line.note
    assert est.line("inference.claude.input_tokens").note == "depends on usage: $3.30 per 1M tokens"


def test_prices_override_changes_the_number_and_the_source(tmp_path: Path) -> None:
    prices = tmp_path / "prices.yaml"
    prices.write_text("version: 1\nname: negotiated\nprices:\n  egress.aws.azure.internet:\n    value: 0.05\n"
                      "    unit: usd_per_gb\n    source: Our enterprise agreement, schedule B\n    as_of: 2026-10-01\n")
    est = estimate_spec(load_spec(ARTICLE), load_prices(prices))
    line = est.line("egress.requests.aws-azure")
    assert line.cost.low == Decimal("4.00") and line.price.source == "Our enterprise agreement, schedule B"
    assert line.price.catalog == "negotiated"
    assert est.line("egress.flow.0").cost.low == Decimal("100.00")


def test_bad_price_file_reports_every_problem_with_its_location(tmp_path: Path) -> None:
    prices = tmp_path / "prices.yaml"
    prices.write_text("version: 1\nprices:\n  egress.aws.internet:\n    value: -1\n    unit: usd_per_gigabyte\n"
                      "    source: x1x\n    as_of: yesterday\n    sorce: typo\n")
    with pytest.raises(SpecError) as err:
        load_prices(prices)
    lines = err.value.lines()
    assert any(":4:12: prices.egress.aws.internet.value: " in ln for ln in lines), lines
    assert any(":5:11: prices.egress.aws.internet.unit: must be one of" in ln and "did you mean 'usd_per_gb'" in ln
               for ln in lines), lines
    assert any(":7:12: prices.egress.aws.internet.as_of" in ln for ln in lines), lines
    assert any("unknown key 'sorce'; did you mean 'source'?" in ln for ln in lines), lines


def test_every_default_price_has_value_unit_source_and_date() -> None:
    catalog = load_prices(None)
    (_, default), = catalog.files
    assert len(default.prices) >= 15
    for price_id, price in default.prices.items():
        assert price.value >= 0 and price.source and price.as_of and price.unit, price_id
