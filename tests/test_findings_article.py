"""Each of the seed article's rules: a spec that triggers it and one that does not, with location and cost impact."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from conftest import EXAMPLES, REPO

from mcai import findings
from mcai.cost import estimate_spec, load_prices
from mcai.spec import load_spec, parse_spec
from mcai.topology import derive
from mcai.topology.model import Resource

ARTICLE = (REPO / "examples" / "article-egress.yaml").read_text()
CACHE = "  chain: [gpt51]\n  cache: {cloud: aws, engine: valkey, node_type: cache.r7g.xlarge, expected_hit_rate: 0.2}\n"


def run(text: str, prices: Path | None = None):  # type: ignore[no-untyped-def]
    vspec = parse_spec(text, "spec.yaml")
    return findings.run(vspec, derive(vspec), estimate_spec(vspec, load_prices(prices)))


def ids(text: str, prices: Path | None = None) -> dict[str, list]:  # type: ignore[type-arg]
    out: dict[str, list] = {}  # type: ignore[type-arg]
    for f in run(text, prices):
        out.setdefault(f.id, []).append(f)
    return out


def edit(old: str, new: str, text: str = ARTICLE) -> str:
    assert old in text, old
    return text.replace(old, new)


def test_inference_far_from_model_with_large_context() -> None:
    (f,) = ids(ARTICLE)["inference-far-from-model"]
    assert f.severity == "warning" and f.spec_path == "usage.prompt_kb"
    assert f.location == "spec.yaml:62:14" and f.monthly_cost_impact_usd == "7.20"
    assert "inference-far-from-model" not in ids(edit("prompt_kb: 8 ", "prompt_kb: 2 "))


def test_training_data_in_one_cloud_training_in_another() -> None:
    (f,) = ids(ARTICLE)["training-far-from-data"]
    assert "gcp -> aws" in f.message and "$1,200.00 one-time" in f.message and f.spec_path == "usage.flows[1]"
    assert f.monthly_cost_impact_usd is None  # one-time, shown in the message
    assert "training-far-from-data" not in ids(edit("purpose: training,", "purpose: replication,"))


def test_embeddings_generated_away_from_the_vector_store() -> None:
    (f,) = ids(ARTICLE)["embeddings-away-from-vector-store"]
    assert f.monthly_cost_impact_usd == "180.00" and f.spec_path == "usage.flows[0]"
    assert "embeddings-away-from-vector-store" not in ids(edit("purpose: embedding,", "purpose: replication,"))


def test_cross_cloud_model_calls_without_a_cache_at_the_boundary() -> None:
    (f,) = ids(ARTICLE)["no-cache-at-boundary"]
    assert "no response cache" in f.message and f.spec_path == "routing"
    assert "no-cache-at-boundary" not in ids(edit("  chain: [gpt51]\n", CACHE))
    no_hits = ids(edit("  chain: [gpt51]\n", CACHE.replace("expected_hit_rate: 0.2", "expected_hit_rate: 0.0")))
    assert "expects no hits" in no_hits["no-cache-at-boundary"][0].message


def test_internet_path_where_a_private_path_exists() -> None:
    first = "gb_per_week: 500, by: inference-router, uses: embeddings}\n"
    private = edit(first, first + "    - {from: aws, to: azure, what: nightly backup, gb_per_month: 100, "
                   "via: expressroute, outside: a backup vault another team runs}\n")
    found = ids(private)["internet-path-where-private-link"]
    assert {f.spec_path for f in found} == {"usage.prompt_kb", "usage.flows[0]"}
    # the declared path's per-GB rate is known, so the saving is computed: 2,000 GB x ($0.09 - $0.02)
    assert next(f for f in found if f.spec_path == "usage.flows[0]").monthly_cost_impact_usd == "140.00"
    assert "internet-path-where-private-link" not in ids(ARTICLE)  # no private path, and no circuit price known


def test_internet_path_where_a_private_link_is_cheaper_at_this_volume(tmp_path: Path) -> None:
    prices = tmp_path / "prices.yaml"
    prices.write_text("version: 1\nprices:\n" + "".join(
        f"  {pid}:\n    value: {v}\n    unit: usd_per_month\n    source: quote from our partner\n    as_of: 2026-10-01\n"
        for pid, v in (("link.expressroute.circuit_1g", 50), ("link.expressroute.gateway", 30))))
    big = edit("gb_per_week: 500,", "gb_per_week: 25000,")  # 100 TB a month: internet $9,000, private $2,000 + fees
    (f,) = ids(big, prices)["internet-path-where-private-link"]
    assert f.spec_path == "usage.flows[0]" and "expressroute" in f.message
    assert f.monthly_cost_impact_usd == "6701.00"  # 9,000 - (2,000 + DX port 219 + circuit 50 + gateway 30)
    assert "internet-path-where-private-link" not in ids(ARTICLE, prices)  # 2 TB: the fixed fees do not pay off


def test_more_than_one_control_plane() -> None:
    spread = edit("control_plane: aws", "control_plane: azure",
                  edit("subnet_ids: [subnet-0a1b2c3d4e5f67891]}\n", "subnet_ids: [subnet-0a1b2c3d4e5f67891]}\n"
                       "    bedrock: {invocation_logging: {cloudwatch: true}}\n"))
    (f,) = ids(spread)["more-than-one-control-plane"]
    assert f.spec_path == "clouds.aws.bedrock.invocation_logging" and "control plane is azure" in f.message
    assert "more-than-one-control-plane" not in ids(ARTICLE)


def test_no_fallback_for_the_primary_model() -> None:
    (f,) = ids(ARTICLE)["no-fallback-model"]
    assert f.spec_path == "routing.chain" and "gpt51" in f.message
    production = (REPO / "examples" / "production-pattern.yaml").read_text()
    assert "no-fallback-model" not in ids(production)


def test_long_lived_credential_is_an_error_and_never_in_any_example() -> None:
    vspec = parse_spec(ARTICLE, "spec.yaml")
    topology = derive(vspec)
    stack = topology.stacks[0]
    bad_module = dataclasses.replace(stack.modules[0], resources=stack.modules[0].resources + (
        Resource("aws_iam_access_key", "this"),), inputs={**stack.modules[0].inputs, "client_secret": "s3cr3t"})
    bad = dataclasses.replace(topology, stacks=(dataclasses.replace(stack, modules=(bad_module,)),))
    found = [f for f in findings.run(vspec, bad) if f.id == "long-lived-credential"]
    assert len(found) == 2 and all(f.severity == "error" for f in found)
    for example in EXAMPLES:
        v = load_spec(example)
        assert not [f for f in findings.run(v, derive(v)) if f.id == "long-lived-credential"], example.name
