"""The token-price snapshot is generated from the pinned genai-prices and must not drift from it."""

from __future__ import annotations

from decimal import Decimal
from importlib.metadata import version

from mcai.cost import tokens


def test_snapshot_matches_the_installed_genai_prices() -> None:
    snap = tokens.snapshot()
    assert snap["genai_prices_version"] == version("genai-prices"), "bump: python -m mcai.cost.tokens"
    assert snap == tokens.build_snapshot(), "stale snapshot: run python -m mcai.cost.tokens"


def test_pyproject_pins_the_version_the_snapshot_came_from() -> None:
    from conftest import REPO

    assert f'"genai-prices=={tokens.snapshot()["genai_prices_version"]}"' in (REPO / "pyproject.toml").read_text()


def test_token_prices_the_article_needs() -> None:
    gpt4o = tokens.lookup("azure", "gpt-4o")
    assert (gpt4o.input.base, gpt4o.output.base) == (Decimal("2.5"), Decimal(10))
    sonnet_us = tokens.lookup(*tokens.model_ref("bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0", "us"))
    sonnet_global = tokens.lookup(*tokens.model_ref("bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0", "global"))
    assert sonnet_us.input.base == Decimal("3.3") and sonnet_global.input.base == 3  # geo profiles cost 10% more
    gemini = tokens.lookup("google", "gemini-2.5-pro")
    assert gemini.input.at(Decimal(1000)) == Decimal("1.25") and gemini.input.at(Decimal(250_000)) == Decimal("2.5")  # tiered by prompt size


def test_a_model_outside_the_snapshot_falls_back_to_the_package() -> None:
    price = tokens.lookup("aws", "meta.llama3-70b-instruct-v1:0")
    assert price is not None and price.input.base > 0
    assert tokens.lookup("aws", "no-such-model-xyz") is None
