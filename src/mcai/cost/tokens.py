"""Token prices from the maintained `genai-prices` dataset (pydantic/genai-prices, pinned in pyproject.toml).

Importing genai-prices builds its whole dataset (~0.8 s), too slow for every `mcai plan`. So the prices of the models
mcai's examples and users commonly name are kept in `src/mcai/data/prices_tokens.json` (JSON: it loads ~50x faster than YAML), GENERATED from the pinned
package by `python -m mcai.cost.tokens` (never hand-edited; tests/test_cost_tokens.py fails when it drifts from the
installed package). Any other model falls back to importing genai-prices at run time.

Prices are evaluated at the snapshot's fixed date, not "now", so the same spec gives the same report every day.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

# genai-prices provider ids for mcai's model providers.
GENAI_PROVIDER = {"bedrock": "aws", "azure_openai": "azure", "vertex": "google"}

# The models whose prices are pre-computed (genai-prices provider id, model reference as mcai derives it).
SNAPSHOT_REFS: tuple[tuple[str, str], ...] = (
    *(("azure", m) for m in ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-5",
                             "gpt-5-mini", "o3", "o4-mini", "text-embedding-3-large", "text-embedding-3-small",
                             "gpt-5.1", "gpt-5.4-mini")),
    *(("aws", f"{p}anthropic.claude-sonnet-4-6") for p in ("", "us.", "eu.", "global.")),
    *(("aws", f"{p}anthropic.claude-sonnet-4-5-20250929-v1:0") for p in ("", "us.", "eu.", "apac.", "global.")),
    *(("aws", f"{p}anthropic.claude-haiku-4-5-20251001-v1:0") for p in ("", "us.", "eu.", "global.")),
    *(("aws", f"{p}anthropic.claude-sonnet-4-20250514-v1:0") for p in ("", "us.", "eu.")),
    *(("aws", f"{p}anthropic.claude-3-5-haiku-20241022-v1:0") for p in ("", "us.")),
    ("aws", "amazon.titan-embed-text-v2:0"),
    *(("google", m) for m in ("gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.0-flash", "gemini-3.1-flash-lite")),
)


@dataclass(frozen=True)
class Tiered:
    """USD per 1M tokens; `tiers` are (start, price): a request whose prompt reaches `start` tokens pays `price`
    for all its tokens (genai-prices' "cliff" model)."""

    base: Decimal
    tiers: tuple[tuple[int, Decimal], ...] = ()

    def at(self, prompt_tokens: Decimal) -> Decimal:
        price = self.base
        for start, tier_price in self.tiers:
            if prompt_tokens >= start:
                price = tier_price
        return price


@dataclass(frozen=True)
class TokenPrice:
    provider_id: str
    model_ref: str
    model_id: str
    input: Tiered
    output: Tiered | None  # embeddings have no output price
    source: str
    as_of: str


def model_ref(provider: str, model: str, inference_profile: str | None = None) -> tuple[str, str]:
    """The (genai-prices provider id, model reference) mcai uses to price a spec model."""
    ref = f"{inference_profile}.{model}" if provider == "bedrock" and inference_profile else model
    return GENAI_PROVIDER[provider], ref


@cache
def snapshot() -> dict[str, Any]:
    text = resources.files("mcai.data").joinpath("prices_tokens.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def dataset_label() -> str:
    snap = snapshot()
    return f"genai-prices {snap['genai_prices_version']} (data as of {snap['as_of']})"


def lookup(provider_id: str, ref: str) -> TokenPrice | None:
    """The token price of a model, or None when genai-prices does not know it."""
    snap = snapshot()
    entry = snap["models"].get(f"{provider_id}:{ref}")
    if entry is None:
        entry = _from_package(provider_id, ref, snap["as_of"])
        if entry is None:
            return None
    return TokenPrice(
        provider_id=provider_id, model_ref=ref, model_id=entry["model_id"],
        input=_tiered(entry["input"]), output=_tiered(entry["output"]) if entry.get("output") else None,
        source=f"{dataset_label()}, {provider_id} '{entry['model_id']}'; {entry['pricing_url']}",
        as_of=str(snap["as_of"]))


def _tiered(raw: dict[str, Any]) -> Tiered:
    return Tiered(Decimal(raw["base"]), tuple((int(s), Decimal(p)) for s, p in raw.get("tiers", [])))


@cache
def _from_package(provider_id: str, ref: str, as_of: str | dt.date) -> dict[str, Any] | None:
    """Price one model with genai-prices itself (imported only here: it is slow to import)."""
    from genai_prices import data_snapshot

    when = dt.datetime.combine(dt.date.fromisoformat(str(as_of)), dt.time(), tzinfo=dt.UTC)
    try:
        provider, model = data_snapshot.get_snapshot().find_provider_model(ref, None, provider_id, None)
    except LookupError:
        return None
    prices = model.get_prices(when)
    inp = getattr(prices, "input_mtok", None)
    if inp is None:
        return None
    out = getattr(prices, "output_mtok", None)
    return {"model_id": model.id, "input": _raw(inp), "output": _raw(out) if out is not None else None,
            "pricing_url": (provider.pricing_urls or ["(no pricing URL recorded)"])[0]}


def _raw(price: Any) -> dict[str, Any]:
    if isinstance(price, Decimal):
        return {"base": str(price)}
    return {"base": str(price.base), "tiers": [[int(t.start), str(t.price)] for t in price.tiers]}


def data_date() -> str:
    """The newest check date the bundled genai-prices data cites (the package stores no single data date)."""
    import genai_prices.data as data_module

    with open(data_module.__file__, encoding="utf-8") as fh:
        text = fh.read()
    dates = re.findall(r"(?:checked|as of|verified)\D{0,12}(20\d\d-\d\d-\d\d)", text, flags=re.I)
    return max(dates)


def build_snapshot() -> dict[str, Any]:
    """The snapshot file's content, computed from the installed genai-prices."""
    import genai_prices

    as_of = data_date()
    models = {}
    for provider_id, ref in SNAPSHOT_REFS:
        entry = _from_package(provider_id, ref, as_of)
        if entry is None:
            raise LookupError(f"genai-prices {genai_prices.__version__} does not price {provider_id}:{ref}")
        models[f"{provider_id}:{ref}"] = entry
    return {"source": "pydantic/genai-prices (PyPI genai-prices), bundled data; generated by "
                      "`python -m mcai.cost.tokens`, do not edit",
            "genai_prices_version": genai_prices.__version__, "as_of": as_of, "models": models}


def dump_snapshot(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # regenerate the snapshot after bumping the genai-prices pin
    target = resources.files("mcai.data").joinpath("prices_tokens.json")
    with open(str(target), "w", encoding="utf-8") as fh:
        fh.write(dump_snapshot(build_snapshot()))
    sys.stderr.write(f"wrote {target}\n")
