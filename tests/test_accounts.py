"""Several named accounts per cloud: one root stack each, every element in the stack of its account, the Transit
Gateway hand-over between them, singletons keyed by account, and both spec forms in the JSON Schema."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO

from mcai.diagnostics import SpecError
from mcai.estate.rules import Member, check
from mcai.spec import json_schema, load_spec, parse_spec
from mcai.topology import derive

EXAMPLE = REPO / "examples" / "aws-accounts.yaml"
ONE_ACCOUNT = REPO / "examples" / "aws-bedrock.yaml"


def _topology(text: str):  # type: ignore[no-untyped-def]
    vspec = parse_spec(text, "spec.yaml")
    return vspec, derive(vspec)


def test_one_stack_per_account_home_first() -> None:
    vspec = load_spec(EXAMPLE)
    topology = derive(vspec)
    aws = [s for s in topology.workload_stacks if s.cloud == "aws"]
    assert [(s.name, s.account, s.apply_order) for s in aws] == [
        ("aws-network", "111111111111", 4), ("aws-workloads", "222222222222", 5)]  # after the three bootstrap stacks
    network, workloads = aws
    assert network.provider_settings["account_id"] == "111111111111"
    assert workloads.provider_settings["account_id"] == "222222222222"
    assert {s.backend.key for s in aws} == {"support-assistant/prod/aws-network.tfstate",
                                            "support-assistant/prod/aws-workloads.tfstate"}
    # every element is in the stack of its account, and nothing of one account leaks into the other
    # the link to GCP ends here; the network account also holds its own model and the role the workload account's
    # router assumes to call it
    assert {m.module for m in network.modules} == {"aws-transit-gateway", "aws-transit-gateway-attachment",
                                                   "aws-vpn", "aws-dns-forwarding", "aws-bedrock",
                                                   "aws-workload-role"}
    assert {m.label for m in network.modules if m.module == "aws-workload-role"} == {"caller_inference_router"}
    assert {"aws-bedrock", "aws-workload-role"} <= {m.module for m in workloads.modules}
    assert not any("state" in step for step in network.manual_steps)
    assert "needs read and write access to its state key" in workloads.manual_steps[0]


def test_transit_gateway_is_shared_with_the_other_accounts_and_handed_over() -> None:
    topology = derive(load_spec(EXAMPLE))
    network, workloads = (topology.stack(n) for n in ("aws-network", "aws-workloads"))
    hub = next(m for m in network.modules if m.module == "aws-transit-gateway")
    assert hub.inputs["share_with_account_ids"] == ["222222222222"]
    attach = {s.name: next(m for m in s.modules if m.module == "aws-transit-gateway-attachment")
              for s in (network, workloads)}
    assert attach["aws-network"].inputs["transit_gateway_id"].text == "module.transit_gateway.id"
    assert attach["aws-workloads"].inputs["transit_gateway_id"].text == "var.transit_gateway_id"
    # the other account's range, then GCP's network and its Private Service Connect address (links[0])
    assert attach["aws-network"].inputs["destination_cidrs"] == ["10.1.0.0/16", "10.30.0.0/16", "10.31.255.254/32"]
    assert attach["aws-workloads"].inputs["destination_cidrs"] == ["10.0.0.0/16", "10.30.0.0/16", "10.31.255.254/32"]
    # the hand-over: an output of the home stack, a required input and a numbered step in the other
    assert "transit_gateway_id" in [o.name for o in network.outputs]
    assert ("aws-workloads", next(v for v in workloads.variables if v.name == "transit_gateway_id")) \
        in topology.required_inputs
    assert any(stack == "aws-workloads" and "output (`terraform output -raw transit_gateway_id` in aws-network/)"
               in step for _, stack, step in topology.numbered_steps)


def test_the_one_account_form_keeps_its_stack_name() -> None:
    topology = derive(load_spec(ONE_ACCOUNT))
    assert [s.name for s in topology.stacks] == ["aws"]


def _spec_with(home: str, extra: str = "") -> str:
    return f"""version: 1
name: acme
environment: prod
control_plane: aws
clouds:
  aws:
    home: {home}
    accounts:
      network: {{account_id: "111111111111", region: us-east-1}}
      workloads: {{account_id: "222222222222", region: us-east-1}}
{extra}"""


def test_an_unknown_key_inside_an_account_gets_did_you_mean() -> None:
    text = _spec_with("network").replace('region: us-east-1}\n      workloads',
                                         'region: us-east-1, netwrok: {}}\n      workloads')
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "spec.yaml")
    [problem] = caught.value.diagnostics
    assert problem.path == ("clouds", "aws", "accounts", "network", "netwrok")
    assert "did you mean 'network'?" in problem.message


def test_an_account_with_one_cloud_form_typo_is_located() -> None:
    """A single-account mapping with a typo still gets the one-account form's suggestions, not the accounts form's."""
    text = "version: 1\nname: acme\nenvironment: prod\ncontrol_plane: aws\nclouds:\n  aws: {account_id: \"111111111111\", regoin: us-east-1}\n"
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "spec.yaml")
    messages = [d.message for d in caught.value.diagnostics]
    assert "unknown key 'regoin'; did you mean 'region'?" in messages


SINGLETON = """
workloads:
  router:
    account: {account}
    runs_on: {{cloud: aws, kind: eks, cluster: ai, namespace: router, service_account: router}}
"""


@pytest.mark.parametrize(("first", "second", "clash"), [("workloads", "workloads", True),
                                                         ("workloads", "network", False)])
def test_estate_singletons_are_keyed_by_the_account(first: str, second: str, clash: bool) -> None:
    """Invocation logging exists once per account and region: two specs owning it in the same named account clash,
    in different accounts of the same cloud they do not (keying by cloud would say the opposite)."""
    members = []
    for i, account in enumerate((first, second)):
        text = _spec_with("network").replace(
            f'{account}: {{account_id: "{"111111111111" if account == "network" else "222222222222"}", '
            'region: us-east-1}',
            f'{account}: {{account_id: "{"111111111111" if account == "network" else "222222222222"}", '
            'region: us-east-1, bedrock: {invocation_logging: {retention_days: 30}}}')
        vspec = parse_spec(text.replace("name: acme", f"name: acme{i}"), f"spec{i}.yaml")
        members.append(Member(vspec, derive(vspec)))
    found = [d for d in check(members) if "invocation logging" in d.message]
    assert bool(found) == clash, found


def test_the_schema_describes_both_forms() -> None:
    schema = json_schema()
    clouds = schema["$defs"]["Clouds"]["properties"]
    assert "accounts:" in clouds["aws"]["description"]
    accounts = schema["$defs"]["AwsAccounts"]["properties"]
    assert accounts["home"]["description"].startswith("The account that holds")
    assert "several" in schema["$defs"]["Workload"]["properties"]["account"]["description"]
    for example in (EXAMPLE, ONE_ACCOUNT):
        jsonschema.validate(yaml.safe_load(example.read_text(encoding="utf-8")), schema)
    broken = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    del broken["clouds"]["aws"]["home"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_a_transit_gateway_needs_every_range_and_no_overlap(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("cidr: 10.1.0.0/16", "cidr: 10.0.128.0/17")
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "spec.yaml")
    [problem] = caught.value.diagnostics
    assert problem.path == ("clouds", "aws", "accounts", "workloads", "network", "cidr")
    assert "overlaps account 'network'" in problem.message
    text = EXAMPLE.read_text(encoding="utf-8").replace("          cidr: 10.1.0.0/16\n", "")
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "spec.yaml")
    assert [d.path for d in caught.value.diagnostics] == [("clouds", "aws", "accounts", "workloads", "network")]


GCP_PROJECTS = """version: 1
name: acme
environment: prod
control_plane: gcp
clouds:
  gcp:
    home: shared
    accounts:
      shared: {project_id: acme-shared-prod, project_number: "123456789012", region: us-east4}
      ml: {project_id: acme-ml-prod, project_number: "223456789012", region: us-east4}
workloads:
  router:
    account: ml
    runs_on: {cloud: gcp, kind: gke, cluster: ai, namespace: router, service_account: router, location: us-east4}
models:
  gemini: {account: ml, provider: vertex, model: gemini-2.5-pro}
routing: {router: router, chain: [gemini]}
"""
AZURE_SUBSCRIPTIONS = """version: 1
name: contoso
environment: dev1
control_plane: azure
clouds:
  azure:
    home: hub
    accounts:
      hub: {subscription_id: 00000000-0000-0000-0000-000000000000, tenant_id: 11111111-1111-1111-1111-111111111111,
            location: swedencentral, network: {cidr: 10.40.0.0/22}}
      ai: {subscription_id: 00000000-0000-0000-0000-000000000001, tenant_id: 11111111-1111-1111-1111-111111111111,
           location: swedencentral, network: {cidr: 10.41.0.0/22}, openai: {subdomain: contoso-ai-dev1}}
models:
  gpt51: {account: ai, provider: azure_openai, model: gpt-5.1, version: "2025-11-13",
          deployment: {type: global_standard, tpm_thousands: 10}}
"""


@pytest.mark.parametrize(("text", "stacks", "module", "owner"), [
    (GCP_PROJECTS, {"gcp-shared": "acme-shared-prod", "gcp-ml": "acme-ml-prod"}, "gcp-gke-workload", "gcp-ml"),
    (AZURE_SUBSCRIPTIONS, {"azure-hub": "00000000-0000-0000-0000-000000000000",
                           "azure-ai": "00000000-0000-0000-0000-000000000001"}, "azure-openai", "azure-ai"),
], ids=["gcp-projects", "azure-subscriptions"])
def test_projects_and_subscriptions_get_a_stack_each(text: str, stacks: dict[str, str], module: str,
                                                     owner: str) -> None:
    """The same form on every cloud: one stack per named project or subscription, the element in its own."""
    _, topology = _topology(text)
    assert {s.name: s.account for s in topology.stacks} == stacks
    assert [s.name for s in topology.stacks if any(m.module == module for m in s.modules)] == [owner]


def test_uses_and_hand_off_read_the_workload_account_not_the_home_account() -> None:
    """The network (home) account has no Bedrock endpoint and another account id: a use in the workload account
    must be proven with the workload account's private endpoint, role and stack outputs."""
    from mcai.handoff import handoff_files
    from mcai.pipeline import derive_all

    vspec, topology, paths = derive_all(EXAMPLE)
    bedrock = [p for p in paths if p.use.target_cloud == "aws"]
    assert bedrock and all("interface VPC endpoint for bedrock-runtime" in p.network.description for p in bedrock)
    text = "".join(handoff_files(vspec.spec, topology, paths, "aws-accounts.yaml").values())
    assert "created by the aws-workloads stack) gives this service account arn:aws:iam::222222222222:role/" in text
    # the network account appears only for the model placed there (tests/test_cross_account.py)
    assert {line.strip() for line in text.splitlines() if "111111111111" in line} == {
        "aws_role_name: arn:aws:iam::111111111111:role/support-assistant-prod-inference-router-from-workloads"}
    assert "<after apply: aws-workloads output bedrock_guardrails[claude][arn]>" in text
