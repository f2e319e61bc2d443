"""Uses across two AWS accounts of one estate (topology/cross_account.py): the role in the target account trusts
exactly the caller's role and holds exactly what the use needs there, the caller may assume exactly that role, the
role waits for its principal when the target's stack is applied first, and the path model and the router's
LiteLLM configuration follow the assumed role."""

from __future__ import annotations

import pytest
from conftest import REPO
from test_accounts import GCP_PROJECTS as ACCOUNTS_GCP_PROJECTS

from mcai.handoff import handoff_files
from mcai.pipeline import derive_all
from mcai.spec import load_spec, parse_spec
from mcai.topology import derive
from mcai.topology.cross_account import SWITCH

EXAMPLE = REPO / "examples" / "aws-accounts.yaml"
CALLER_ARN = "arn:aws:iam::222222222222:role/support-assistant-prod-inference-router"
TARGET_ARN = "arn:aws:iam::111111111111:role/support-assistant-prod-inference-router-from-workloads"


@pytest.fixture(scope="module")
def derived():  # type: ignore[no-untyped-def]
    return derive_all(EXAMPLE)


def _role(stack, label):  # type: ignore[no-untyped-def]
    return next(m for m in stack.modules if m.label == label)


def test_the_target_role_trusts_exactly_the_callers_role_and_grants_only_its_model(derived) -> None:  # type: ignore[no-untyped-def]
    _, topology, _ = derived
    network = topology.stack("aws-network")
    role = _role(network, "caller_inference_router")
    assert role.inputs["trust"]["type"] == "role"
    assert role.inputs["trust"]["role_arn"] == CALLER_ARN
    assert f"arn:aws:iam::{network.account}:role/{role.inputs['role_name']}" == TARGET_ARN
    # the same statements the router's own role holds for a model of its account: the guardrail in this account
    sids = [s["sid"] for s in role.inputs["statements"]]
    assert sids == ["InvokeHaiku", "InvokeHaikuThroughProfile", "ApplyGuardrails"]
    invoke = role.inputs["statements"][0]
    assert invoke["resources"] == [
        "arn:aws:bedrock:us-east-1:111111111111:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0"]
    assert [c["values"][0].text for c in invoke["conditions"]] == ['module.bedrock.guardrail_identifiers["haiku"]']
    assert not any("sonnet" in str(s) for s in role.inputs["statements"])  # nothing of the caller's own model
    assert not any("iam:PassRole" in str(s) for s in role.inputs["statements"])


def test_the_caller_may_assume_exactly_that_role_and_holds_no_grant_on_the_other_accounts_model(derived) -> None:  # type: ignore[no-untyped-def]
    _, topology, _ = derived
    router = _role(topology.stack("aws-workloads"), "workload_inference_router")
    assume = [s for s in router.inputs["statements"] if "sts:AssumeRole" in s["actions"]]
    # Pod Identity's session tags are transitive: the chained call carries them, so both sides admit TagSession
    assert assume == [{"sid": "AssumeInNetwork", "actions": ["sts:AssumeRole", "sts:TagSession"],
                       "resources": [TARGET_ARN]}]
    assert _role(topology.stack("aws-network"), "caller_inference_router").inputs["trust"]["session_tags"] is True
    assert not any("haiku" in str(s) for s in router.inputs["statements"])


def test_the_role_waits_for_its_principal_when_the_target_stack_is_applied_first(derived) -> None:  # type: ignore[no-untyped-def]
    """IAM refuses a trust policy naming a role that does not exist: aws-network is applied before aws-workloads."""
    _, topology, _ = derived
    network = topology.stack("aws-network")
    assert network.apply_order < topology.stack("aws-workloads").apply_order
    assert _role(network, "caller_inference_router").count.text == f"var.{SWITCH} ? 1 : 0"
    switch = next(v for v in network.variables if v.name == SWITCH)
    assert switch.default is False and not switch.required
    steps = [step for _, stack, step in topology.numbered_steps if stack == "aws-network"]
    assert any(f"after applying aws-workloads, set {SWITCH} = true and re-apply aws-network" in s for s in steps)
    assert any("deleted and recreated" in s for s in steps)  # what recreating the caller's role does to the trust
    assert next(o for o in network.outputs if o.name == "caller_inference_router_role_arn").value.text == \
        "one(module.caller_inference_router[*].role_arn)"


REVERSED = EXAMPLE.read_text().replace("home: network", "home: workloads")


def test_no_switch_when_the_callers_stack_is_applied_first() -> None:
    topology = derive(parse_spec(REVERSED, "aws-accounts.yaml"))
    assert [s.name for s in topology.workload_stacks if s.cloud == "aws"] == ["aws-workloads", "aws-network"]
    network = topology.stack("aws-network")
    assert _role(network, "caller_inference_router").count is None
    assert SWITCH not in {v.name for v in network.variables}
    assert not any(SWITCH in step for step in network.manual_steps)


def test_the_path_shows_the_hop_into_the_other_account(derived) -> None:  # type: ignore[no-untyped-def]
    _, topology, paths = derived
    haiku = next(p for p in paths if p.use.target == "haiku")
    assert haiku.identity[1] == (f"role policy AssumeInNetwork: sts:AssumeRole, sts:TagSession on {TARGET_ARN} only "
                                 "(Pod Identity's session tags are transitive)")
    assert haiku.identity[2].startswith(
        f"account 111111111111 (aws-network): IAM role support-assistant-prod-inference-router-from-workloads trusts "
        f"exactly {CALLER_ARN} (principal and aws:PrincipalArn), created at manual step ")
    assert haiku.identity[3].startswith("role policy InvokeHaiku: ")
    assert "bedrock-runtime (PrivateLink) in the VPC" in haiku.network.description
    assert "no route into that account's VPC is needed" in haiku.network.description
    assert haiku.works_after.endswith("Cross-account roles in aws-network")
    assert any("sts.us-east-1.amazonaws.com" in p for p in haiku.prerequisites)
    # each model's access step is the one of its own account
    claude = next(p for p in paths if p.use.target == "claude")
    n = {stack: n for n, stack, step in topology.numbered_steps if step.startswith("Model access")}
    assert claude.works_after.startswith(f"manual step {n['aws-workloads']}:")
    assert f"manual step {n['aws-network']}:" in haiku.prerequisites[0]


def test_the_router_calls_the_other_accounts_model_as_the_assumed_role(derived) -> None:  # type: ignore[no-untyped-def]
    import yaml

    vspec, topology, paths = derived
    files = handoff_files(vspec.spec, topology, paths, "aws-accounts.yaml")
    config = yaml.safe_load(files["handoff/inference-router/litellm-config.yaml"])
    params = {m["model_name"]: m["litellm_params"] for m in config["model_list"]}
    assert params["haiku"]["aws_role_name"] == TARGET_ARN
    assert params["haiku"]["aws_session_name"] == "inference-router"
    assert "aws_web_identity_token" not in params["haiku"]  # the pod's own role assumes it, never the raw token
    assert params["haiku"]["guardrailConfig"]["guardrailIdentifier"] == \
        "<after apply: aws-network output bedrock_guardrails[haiku][arn]>"
    assert "aws_role_name" not in params["claude"]


def test_the_pinned_litellm_reads_these_parameters() -> None:
    """`aws_role_name` and `aws_session_name` are what the pinned LiteLLM's Bedrock client passes to sts:AssumeRole
    (read from its source: importing LiteLLM costs seconds; tests/handoff calls the deployment through it)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("litellm")
    assert spec is not None and spec.origin is not None
    source = (Path(spec.origin).parent / "llms" / "bedrock" / "base_aws_llm.py").read_text()
    assert "RoleArn=aws_role_name, RoleSessionName=aws_session_name" in source


def test_an_irsa_caller_carries_no_session_tags_and_gets_no_tag_session() -> None:
    # the example's router already declares its cluster's issuer (its GCP pool trusts it): only the mode changes
    irsa = EXAMPLE.read_text().replace("service_account: router,\n", "service_account: router, aws_identity: irsa,\n")
    assert "aws_identity: irsa" in irsa
    topology = derive(parse_spec(irsa, "aws-accounts.yaml"))
    router = _role(topology.stack("aws-workloads"), "workload_inference_router")
    assert [s["actions"] for s in router.inputs["statements"] if s["sid"] == "AssumeInNetwork"] == [["sts:AssumeRole"]]
    assert _role(topology.stack("aws-network"), "caller_inference_router").inputs["trust"]["session_tags"] is False


def test_a_single_account_spec_renders_no_cross_account_role() -> None:
    topology = derive(load_spec(REPO / "examples" / "aws-bedrock.yaml"))
    assert not any(m.label.startswith("caller_") for s in topology.stacks for m in s.modules)


# test_accounts' two-project estate, with the model in the shared project instead of the router's own
GCP_PROJECTS = ACCOUNTS_GCP_PROJECTS.replace("gemini: {account: ml,", "gemini: {account: shared,")
assert "gemini: {account: shared," in GCP_PROJECTS, "test_accounts.GCP_PROJECTS changed its model line"
ML_PRINCIPAL = ("principal://iam.googleapis.com/projects/223456789012/locations/global/workloadIdentityPools/"
                "acme-ml-prod.svc.id.goog/subject/ns/router/sa/router")


def test_a_gke_workload_is_granted_vertex_ai_in_the_models_project() -> None:
    """GCP: the router's own principal (its cluster's project's workload pool) gets roles/aiplatform.user in the
    model's project; the path says so, and LiteLLM calls that project."""
    import yaml

    vspec = parse_spec(GCP_PROJECTS, "spec.yaml")
    topology = derive(vspec)
    grant = _role(topology.stack("gcp-shared"), "caller_router")
    assert grant.inputs["project_roles"] == ["roles/aiplatform.user"]
    assert (grant.inputs["pool_project_id"], grant.inputs["project_number"]) == ("acme-ml-prod", "223456789012")
    assert "aiplatform.googleapis.com" in topology.stack("gcp-shared").google_apis
    assert not any(m.label.startswith("caller_") for m in topology.stack("gcp-ml").modules)
    from mcai.paths import derive_paths

    (path,) = derive_paths(vspec, topology)
    assert path.identity[1] == f"Google IAM: {ML_PRINCIPAL} (no Google service account)"
    assert path.identity[2].startswith("roles/aiplatform.user on project acme-shared-prod (gcp-shared")
    assert "no route into that project's VPC is needed" in path.network.description
    files = handoff_files(vspec.spec, topology, (path,), "spec.yaml")
    (entry,) = yaml.safe_load(files["handoff/router/litellm-config.yaml"])["model_list"]
    assert entry["litellm_params"]["vertex_project"] == "acme-shared-prod"


def test_a_vertex_endpoint_behind_private_service_connect_stays_in_its_project() -> None:
    from mcai.diagnostics import SpecError

    text = GCP_PROJECTS.replace("gemini: {account: shared, provider: vertex, model: gemini-2.5-pro}",
                                "gemini: {account: shared, provider: vertex, model: gemini-2.5-pro, "
                                "endpoint: {name: '1234567890', private_service_connect: true}}")
    with pytest.raises(SpecError) as error:
        parse_spec(text, "spec.yaml")
    assert "served only through a Private Service Connect consumer in that project's VPC" in str(error.value)
