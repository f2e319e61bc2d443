"""Model grants are as tight as the report claims: a guardrail cannot be bypassed (not even through a fallback), and
cross-region inference grants reach the destination regions only through the profile (issue 13, items 1 and 3)."""

from __future__ import annotations

import pytest

from mcai import catalog
from mcai.diagnostics import SpecError
from mcai.spec import parse_spec
from mcai.topology import derive
from mcai.topology.model import Expr

SPEC = """
version: 1
name: est
environment: dev
control_plane: aws
clouds:
  aws: {account_id: "111122223333", region: us-east-1}
workloads:
  router: {runs_on: {cloud: aws, kind: eks, cluster: c, namespace: n, service_account: sa}}
models:
  primary: {provider: bedrock, model: anthropic.claude-x-v1:0, unlisted: true, inference_profile: us, guardrail: {profanity: true}}
  fallback: {provider: bedrock, model: amazon.nova-pro-v1:0 FALLBACK}
routing: {router: router, chain: [primary, fallback]}
"""


def statements(fallback: str = "") -> dict[str, dict]:
    topology = derive(parse_spec(SPEC.replace(" FALLBACK", fallback), "t.yaml"))
    role = next(m for m in topology.stack("aws").modules if m.label == "workload_router")
    return {s["sid"]: s for s in role.inputs["statements"]}


def conditions(statement: dict) -> dict[str, list]:
    return {c["variable"]: c["values"] for c in statement.get("conditions", [])}


def test_every_model_grant_requires_the_guardrail() -> None:
    granted = statements()
    invokes = [s for sid, s in granted.items() if "bedrock:InvokeModel" in s["actions"]]
    assert invokes
    for s in invokes:
        assert conditions(s)["bedrock:GuardrailIdentifier"] == [Expr('module.bedrock.guardrail_identifiers["primary"]')]


def test_a_fallback_without_its_own_guardrail_runs_under_the_chains_guardrail() -> None:
    fallback = statements()["InvokeFallback"]
    assert conditions(fallback)["bedrock:GuardrailIdentifier"] == [
        Expr('module.bedrock.guardrail_identifiers["primary"]')]


def test_a_fallback_may_opt_out_only_with_a_reason() -> None:
    fallback = statements(", unguarded: internal summaries only and never user text")["InvokeFallback"]
    assert "conditions" not in fallback
    with pytest.raises(SpecError, match="unguarded"):
        statements(", unguarded: x")  # too short to be a reason


def test_own_guardrail_and_unguarded_conflict() -> None:
    with pytest.raises(SpecError, match="cannot also be 'unguarded'"):
        statements(", guardrail: {profanity: true}, unguarded: because it is a test model")


def test_destination_regions_are_granted_only_through_the_profile() -> None:
    granted = statements()
    profile_arn = "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-x-v1:0"
    assert granted["InvokePrimary"]["resources"] == [profile_arn]
    through = granted["InvokePrimaryThroughProfile"]
    assert conditions(through)["bedrock:InferenceProfileArn"] == [profile_arn]
    regions = {arn.split(":")[3] for arn in through["resources"]}
    assert regions == set(catalog.load("bedrock_inference_profiles")["profiles"]["us"]["destination_regions"])
    # No other statement names a foundation model outside the stack's region.
    loose = [arn for s in granted.values() if "bedrock:InferenceProfileArn" not in conditions(s)
             for arn in s["resources"] if isinstance(arn, str) and "foundation-model" in arn
             and not arn.startswith("arn:aws:bedrock:us-east-1:")]
    assert not loose


def test_guardrail_and_throughput_are_root_outputs() -> None:
    text = SPEC.replace(" FALLBACK", ", provisioned: {model_units: 1}")
    outputs = {o.name for o in derive(parse_spec(text, "t.yaml")).stack("aws").outputs}
    assert {"bedrock_guardrails", "bedrock_provisioned_model_arns"} <= outputs
