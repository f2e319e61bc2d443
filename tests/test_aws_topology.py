"""Derivation of the aws/ stack: least-privilege statements, ARNs, names and inputs."""

from __future__ import annotations

import pytest

from mcai.diagnostics import SpecError
from mcai.spec import parse_spec
from mcai.topology import derive
from mcai.topology.model import Expr

BASE = """
version: 1
name: est
environment: dev
control_plane: aws
clouds:
  aws: {account_id: "111122223333", region: REGION}
workloads:
  router: {runs_on: {cloud: aws, kind: eks, cluster: c, namespace: n, service_account: sa}}
  other: {runs_on: {cloud: aws, kind: eks, cluster: c, namespace: o, service_account: sa}}
models:
  m: {provider: bedrock, model: anthropic.claude-x-v1:0, unlisted: true PROFILE}
  unused: {provider: bedrock, model: amazon.titan-embed-text-v2:0}
routing: {router: router, chain: [m]}
"""


def topo(region: str = "us-east-1", profile: str = "", extra: str = ""):  # type: ignore[no-untyped-def]
    text = BASE.replace("REGION", region).replace(" PROFILE", f", inference_profile: {profile}" if profile else "")
    return derive(parse_spec(text + extra, "t.yaml"))


def call(topology, label):  # type: ignore[no-untyped-def]
    return next(m for m in topology.stack("aws").modules if m.label == label)


def invoke_resources(topology) -> list:  # type: ignore[no-untyped-def]
    statements = call(topology, "workload_router").inputs["statements"]
    return [r for s in statements if s["sid"].startswith("InvokeM") for r in s["resources"]]


def test_plain_model_is_one_foundation_model_arn() -> None:
    assert invoke_resources(topo()) == ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-x-v1:0"]


def test_us_profile_covers_profile_and_every_destination_region() -> None:
    arns = invoke_resources(topo(profile="us"))
    assert arns[0] == "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-x-v1:0"
    regions = {a.split(":")[3] for a in arns[1:]}
    assert regions == {"us-east-1", "us-east-2", "us-west-1", "us-west-2"}


def test_global_profile_uses_the_regionless_model_arn() -> None:
    arns = invoke_resources(topo(profile="global"))
    assert "arn:aws:bedrock:::foundation-model/anthropic.claude-x-v1:0" in arns


def test_only_the_router_gets_model_access_and_only_for_the_chain() -> None:
    t = topo()
    labels = [m.label for m in t.stack("aws").modules]
    assert "workload_other" not in labels, "a workload with nothing to reach gets no role"
    assert all("titan" not in a for a in invoke_resources(t)), "models outside the chain are not granted"


def test_pod_identity_is_the_default_and_creates_an_association() -> None:
    router = call(topo(), "workload_router")
    assert router.inputs["trust"]["type"] == "pod_identity"
    assert any(r.type == "aws_eks_pod_identity_association" for r in router.resources)


def test_missing_network_becomes_required_inputs() -> None:
    t = derive(parse_spec(BASE.replace("REGION", "us-east-1").replace(" PROFILE", "")
                          .replace("chain: [m]}", "chain: [m], cache: {cloud: aws}}"), "t.yaml"))
    names = [v.name for v in t.stack("aws").variables]
    assert names == ["client_security_group_ids", "private_subnet_ids", "vpc_id"]
    assert call(t, "response_cache").inputs["network"]["vpc_id"] == Expr("var.vpc_id")


def test_router_can_connect_to_the_cache() -> None:
    t = derive(parse_spec(BASE.replace("REGION", "us-east-1").replace(" PROFILE", "")
                          .replace("chain: [m]}", "chain: [m], cache: {cloud: aws}}"), "t.yaml"))
    statements = call(t, "workload_router").inputs["statements"]
    assert {"sid": "ConnectResponseCache", "actions": ["elasticache:Connect"],
            "resources": [Expr("module.response_cache.replication_group_arn"),
                          Expr("module.response_cache.iam_user_arn")]} in statements


def test_derived_name_over_the_limit_is_located() -> None:
    text = (BASE.replace("REGION", "us-east-1").replace(" PROFILE", "").replace("name: est", "name: " + "e" * 40)
            .replace("chain: [m]}", "chain: [m], cache: {cloud: aws}}"))
    with pytest.raises(SpecError) as err:
        derive(parse_spec(text, "t.yaml"))
    user, group = err.value.lines()  # every violation at once, each at its own spec location
    assert user.startswith("t.yaml:14:11: routing.router: derived ElastiCache user id")
    assert group.startswith("t.yaml:14:39: routing.cache: derived ElastiCache replication group id")
    assert "is 50 characters; the cloud allows 1-40" in group


def test_derivation_is_deterministic() -> None:
    assert topo(profile="eu", region="eu-west-1") == topo(profile="eu", region="eu-west-1")


def test_pod_identity_roles_trust_only_their_cluster_and_the_agent_is_a_numbered_step() -> None:
    """EKS Pod Identity assumes the role for the pod: the trust pins aws:SourceAccount and aws:SourceArn (the
    cluster), and the generated README says the Pod Identity Agent add-on must run on the cluster (with a check)."""
    import hcl2
    from conftest import REPO

    from mcai.pipeline import generate

    _, topology, tree = generate(REPO / "examples" / "production-pattern.yaml")
    role = next(m for m in topology.stack("aws").modules if m.module == "aws-workload-role")
    assert role.inputs["trust"]["cluster_arn"] == "arn:aws:eks:us-east-1:111122223333:cluster/ai-platform"
    main = (REPO / "modules" / "aws-workload-role" / "main.tf").read_text()
    trust = hcl2.loads(main)["locals"][0]["pod_identity_trust"]
    assert set(trust["Condition"]) == {"StringEquals", "ArnEquals"}
    assert "\"aws:SourceAccount\"" in trust["Condition"]["StringEquals"]
    assert "\"aws:SourceArn\"" in trust["Condition"]["ArnEquals"]
    readme = tree["README.md"].decode()
    assert "eks-pod-identity-agent" in readme and "aws eks describe-addon --cluster-name ai-platform" in readme
