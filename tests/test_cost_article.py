"""The seed article's own arithmetic, reproduced to the cent from examples/article-egress.yaml."""

from __future__ import annotations

from decimal import Decimal

from conftest import REPO

from mcai.cost import estimate_spec
from mcai.spec import parse_spec

EXAMPLE = REPO / "examples" / "article-egress.yaml"


def estimate(text: str | None = None):  # type: ignore[no-untyped-def]
    return estimate_spec(parse_spec(text or EXAMPLE.read_text(), str(EXAMPLE)))


def at_100m() -> str:
    text = EXAMPLE.read_text()
    assert "requests_per_month: 10_000_000" in text
    return text.replace("requests_per_month: 10_000_000", "requests_per_month: 100_000_000")


def test_inference_egress_at_10m_requests_is_80_gb_and_7_20() -> None:
    line = estimate().line("egress.requests.aws-azure")
    assert line is not None and line.status == "estimated"
    assert line.quantity.low == line.quantity.high == Decimal(80)
    assert line.unit_price.low == Decimal("0.09")
    assert line.cost.low == line.cost.high == Decimal("7.20")
    assert line.price.id == "egress.aws.azure.internet" and "Seed article" in line.price.source


def test_weekly_reembedding_is_2_tb_and_180_a_month() -> None:
    line = estimate().line("egress.flow.0")
    assert line.recurrence == "monthly"
    assert line.quantity.low == Decimal(2000) and "500 GB/week x 4 weeks" in line.description
    assert line.cost.low == Decimal("180.00")


def test_one_time_training_move_is_1200_and_kept_out_of_the_monthly_total() -> None:
    est = estimate()
    line = est.line("egress.flow.1.once")
    assert line.recurrence == "one_time" and line.quantity.low == Decimal(10000)
    assert line.cost.low == Decimal("1200.00") and line.price.id == "egress.gcp.internet"
    assert est.one_time.low == est.one_time.high == Decimal("1200.00")
    assert est.category_total("egress").low == Decimal("187.20")  # 7.20 + 180, the one-time move excluded


def test_at_100m_requests_inference_egress_is_72_and_data_movement_252() -> None:
    est = estimate(at_100m())
    assert est.line("egress.requests.aws-azure").cost.low == Decimal("72.00")
    assert est.line("egress.requests.aws-azure").quantity.low == Decimal(800)
    assert est.category_total("egress").low == Decimal("252.00")


def test_token_cost_uses_genai_prices_and_a_range_gives_low_high() -> None:
    est = estimate()
    # GPT-5.1 (the article's GPT-4o was retired on Azure on 2026-10-01): $1.25 input and $10 output per 1M tokens
    inp, out = est.line("inference.gpt51.input_tokens"), est.line("inference.gpt51.output_tokens")
    assert inp.cost.low == Decimal("25000") and "genai-prices 0.2.3" in inp.price.source  # 10M x 2,000 x $1.25/1M
    assert (out.cost.low, out.cost.high) == (Decimal("10000"), Decimal("30000"))  # 100-300 tokens x $10/1M
    assert (est.monthly.low, est.monthly.high) == (Decimal("35187.20"), Decimal("55187.20"))


def test_missing_usage_shows_the_unit_price_and_is_not_totalled() -> None:
    line = estimate().line("egress.responses.azure-aws")
    assert line.status == "depends_on_usage" and line.cost is None
    assert line.note == "depends on usage: $0.087 per GB"
