"""Uses across clouds from or into a non-home account: every trust names the caller's own account (its account id,
its GKE cluster's project), the role, managed identity or pool lives in the account of what is used, the paths and
hand-off files read those accounts, and what still cannot work (one identity spanning two accounts of a cloud, a
private link ridden from an account it does not reach) is a located error."""

from __future__ import annotations

import json

import pytest

from mcai.diagnostics import SpecError
from mcai.handoff import handoff_files
from mcai.paths import derive_paths
from mcai.spec import parse_spec
from mcai.topology import derive

GCP_PROJECTS = """\
  gcp:
    home: shared
    accounts:
      shared: {project_id: acme-shared, project_number: "100000000001", region: us-east4}
      apps: {project_id: acme-apps, project_number: "100000000002", region: us-east4}
"""

GKE_APPS_TO_BEDROCK_WORKLOADS = """\
version: 1
name: acme
environment: prod
control_plane: gcp
clouds:
  aws:
    home: network
    accounts:
      network: {account_id: "111111111111", region: us-east-1}
      workloads: {account_id: "222222222222", region: us-east-1}
{gcp}workloads:
  router:
    account: apps
    runs_on: {cloud: gcp, kind: gke, cluster: ai, location: us-east4, namespace: router, service_account: router}
    public_access: {claude: no link between the clouds}
models:
  claude: {account: workloads, provider: bedrock, model: anthropic.claude-sonnet-4-6, inference_profile: us}
  gemini: {account: apps, provider: vertex, model: gemini-2.5-pro}
routing: {router: router, chain: [gemini, claude]}
""".replace("{gcp}", GCP_PROJECTS)

INTO_NON_HOME_SUBSCRIPTION_AND_PROJECT = """\
version: 1
name: acme
environment: prod
control_plane: aws
clouds:
  aws: {account_id: "999999999999", region: us-east-1}
  azure:
    home: hub
    accounts:
      hub: {subscription_id: 11111111-1111-1111-1111-111111111111, tenant_id: 33333333-3333-3333-3333-333333333333,
            location: eastus2, network: {cidr: 10.40.0.0/16}}
      ai: {subscription_id: 22222222-2222-2222-2222-222222222222, tenant_id: 33333333-3333-3333-3333-333333333333,
           location: eastus2, network: {cidr: 10.41.0.0/16}, openai: {public_network_access: true}}
{gcp}workloads:
  router:
    runs_on: {cloud: aws, kind: eks, cluster: ai, namespace: router, service_account: router,
              oidc_issuer: https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF}
    public_access: {gpt: no link, gemini: no link}
  indexer:
    account: hub
    runs_on: {cloud: azure, kind: aks, cluster: idx, namespace: idx, service_account: idx,
              oidc_issuer: "https://eastus2.oic.prod-aks.azure.com/33333333-3333-3333-3333-333333333333/44444444-4444-4444-4444-444444444444/"}
    public_access: {tickets: no link}
models:
  gpt: {account: ai, provider: azure_openai, model: gpt-5.4-mini, version: "2026-03-17",
        deployment: {type: global_standard, tpm_thousands: 100}}
  gemini: {account: apps, provider: vertex, model: gemini-2.5-pro}
routing: {router: router, chain: [gpt, gemini]}
data:
  tickets: {cloud: gcp, kind: bigquery, account: apps, used_by: [indexer]}
identity:
  router: {azure: {openai: [gpt]}, gcp: {vertex: true}}
  indexer: {gcp: {bigquery: [tickets]}}
""".replace("{gcp}", GCP_PROJECTS)

OUTBOUND_FROM_NON_HOME = """\
version: 1
name: helpdesk
environment: prod
control_plane: aws
clouds:
  aws:
    home: network
    accounts:
      network: {account_id: "111111111111", region: us-east-1}
      apps: {account_id: "444455556666", region: us-east-1}
  azure: {subscription_id: 22222222-2222-2222-2222-222222222222, tenant_id: 33333333-3333-3333-3333-333333333333,
          location: swedencentral, network: {cidr: 10.40.0.0/16}, openai: {public_network_access: true}}
workloads:
  router:
    account: apps
    runs_on: {cloud: aws, kind: eks, cluster: helpdesk, namespace: helpdesk, service_account: router}
    public_access: {gpt: no link}
models:
  gpt: {provider: azure_openai, model: gpt-5.4-mini, version: "2026-03-17",
        deployment: {type: global_standard, tpm_thousands: 100}}
routing: {router: router, chain: [gpt]}
identity:
  router: {azure: {openai: [gpt], via: aws_outbound}}
"""


def _derive(text: str):  # type: ignore[no-untyped-def]
    vspec = parse_spec(text, "spec.yaml")
    topology = derive(vspec)
    paths = derive_paths(vspec, topology)
    return vspec, topology, paths, handoff_files(vspec.spec, topology, paths, "spec.yaml")


def _modules(topology) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    return {s.name: {m.label: m for m in s.modules} for s in topology.workload_stacks}


def test_gke_in_a_non_home_project_calls_bedrock_in_a_non_home_account() -> None:
    """The role lives where the model is and trusts the issuer of the caller's own project's cluster."""
    _, topology, paths, files = _derive(GKE_APPS_TO_BEDROCK_WORKLOADS)
    mods = _modules(topology)
    issuer = "https://container.googleapis.com/v1/projects/acme-apps/locations/us-east4/clusters/ai"
    assert mods["aws-workloads"]["oidc_gke_ai"].inputs["issuer_url"] == issuer
    role = mods["aws-workloads"]["workload_router"].inputs
    assert role["trust"]["type"] == "oidc" and role["trust"]["namespace"] == "router"
    assert "222222222222" in str(role["statements"]) and "111111111111" not in str(role["statements"])
    assert not any(m.module in ("aws-oidc-provider", "aws-workload-role") for m in mods["aws-network"].values())
    edge = next(e for e in topology.trust_edges if e.to_cloud == "aws")
    assert (edge.principal, edge.issuer) == ("arn:aws:iam::222222222222:role/acme-prod-router", issuer)
    claude = next(p for p in paths if p.use.target == "claude")
    assert issuer in claude.identity[0] and claude.network.kind == "public"
    text = "".join(files.values())
    assert "arn:aws:iam::222222222222:role/acme-prod-router" in text and "111111111111" not in text
    assert "acme-shared" not in text and "vertex_project: acme-apps" in text


def test_gke_in_a_non_home_project_is_trusted_by_azure_through_its_own_project_issuer() -> None:
    text = GKE_APPS_TO_BEDROCK_WORKLOADS.replace("workloads:\n", """\
  azure: {subscription_id: 22222222-2222-2222-2222-222222222222, tenant_id: 33333333-3333-3333-3333-333333333333,
          location: eastus2, network: {cidr: 10.40.0.0/16}, openai: {public_network_access: true}}
workloads:
""", 1).replace("public_access: {claude: no link between the clouds}", "public_access: {claude: no link, gpt: no link}")
    text = text.replace("chain: [gemini, claude]}", """chain: [gemini, claude, gpt]}
identity: {router: {azure: {openai: [gpt]}}}""").replace("models:\n", """models:
  gpt: {provider: azure_openai, model: gpt-5.4-mini, version: "2026-03-17",
        deployment: {type: global_standard, tpm_thousands: 100}}
""")
    _, topology, _, files = _derive(text)
    [cred] = _modules(topology)["azure"]["identity_router"].inputs["federated_credentials"]
    assert cred["issuer"] == "https://container.googleapis.com/v1/projects/acme-apps/locations/us-east4/clusters/ai"
    assert cred["subject"] == "system:serviceaccount:router:router"
    assert "acme-shared" not in "".join(files.values())


def test_identities_live_in_the_subscription_and_project_of_what_is_used() -> None:
    _, topology, paths, files = _derive(INTO_NON_HOME_SUBSCRIPTION_AND_PROJECT)
    mods = _modules(topology)
    assert set(mods["azure-ai"]) >= {"openai", "identity_router"} and "identity_router" not in mods["azure-hub"]
    assert {"identity_router", "identity_indexer", "workload_router", "workload_indexer"} <= set(mods["gcp-apps"])
    assert not mods["gcp-shared"]
    edges = {(e.workload, e.to_cloud): e for e in topology.trust_edges}
    pool = "//iam.googleapis.com/projects/100000000002/locations/global/workloadIdentityPools"
    assert edges[("router", "gcp")].audience == f"{pool}/router-prod/providers/eks-oidc"
    assert edges[("indexer", "gcp")].audience == f"{pool}/indexer-prod/providers/aks-oidc"
    assert all("acme-apps" in p for e in edges.values() if e.to_cloud == "gcp" for p in e.permissions)
    router_gcp = json.loads(files["handoff/router/gcp-credentials.json"])
    assert router_gcp["audience"] == f"{pool}/router-prod/providers/eks-oidc"
    assert "acme-prod-router@acme-apps.iam.gserviceaccount.com" in router_gcp["service_account_impersonation_url"]
    assert "<after apply: azure-ai output identity_router_client_id>" in files["handoff/router/azure.env"]
    assert "api_base: https://acme-prod-openai.openai.azure.com/" in files["handoff/router/litellm-config.yaml"]
    assert {p.network.kind for p in paths} == {"public"}


def test_outbound_federation_from_a_non_home_account_names_that_account() -> None:
    _, topology, _, files = _derive(OUTBOUND_FROM_NON_HOME)
    mods = _modules(topology)
    assert "outbound_identity_federation" in mods["aws-apps"] and "outbound_identity_federation" not in mods[
        "aws-network"]
    cred = mods["azure"]["identity_router"].inputs["federated_credentials"][0]
    assert cred["subject"] == "arn:aws:iam::444455556666:role/helpdesk-prod-router"
    assert cred["issuer"].text == "var.aws_outbound_issuer_apps"
    azure = topology.stack("azure")
    assert {v.name: v.handover for v in azure.variables}["aws_outbound_issuer_apps"] == (
        "aws-apps", "outbound_identity_issuer")
    steps = " ".join(topology.stack("aws-apps").manual_steps)
    assert "copy the aws-apps output `outbound_identity_issuer` into the azure variable `aws_outbound_issuer_apps`" \
        in steps
    edge = next(e for e in topology.trust_edges if e.to_cloud == "azure")
    assert "account 444455556666 (aws-apps output" in edge.issuer


def test_uses_of_one_cloud_spanning_two_of_its_accounts_are_refused_where_written() -> None:
    text = INTO_NON_HOME_SUBSCRIPTION_AND_PROJECT.replace(
        "  gemini: {account: apps,", "  flash: {account: shared, provider: vertex, model: gemini-3.1-flash-lite}\n"
        "  gemini: {account: apps,").replace("chain: [gpt, gemini]", "chain: [gpt, gemini, flash]").replace(
        "gemini: no link}", "gemini: no link, flash: no link}")
    with pytest.raises(SpecError) as err:
        parse_spec(text, "spec.yaml")
    [problem] = err.value.diagnostics
    assert problem.path == ("routing", "chain", 2)
    assert "reaches gcp through one workload identity pool, in GCP project 'apps'" in problem.message
    assert "this use is in GCP project 'shared'" in problem.message


LINKED = OUTBOUND_FROM_NON_HOME.replace("identity:", """links:
  - {between: [aws, azure], via: ha_vpn}
identity:""").replace(", openai: {public_network_access: true}}", "}").replace(
    '"111111111111", region: us-east-1}', '"111111111111", region: us-east-1, network: {cidr: 10.0.0.0/16}}')


@pytest.mark.parametrize(("public", "expected"), [
    (False, "is unreachable from aws: private links end in aws's home account 'network', and workload 'router' is "
            "in aws account 'apps', which does not reach them"),
    (True, None),
], ids=["private-only-refused", "public-with-reason"])
def test_a_link_ending_in_the_home_account_is_not_ridden_from_another(public: bool, expected: str | None) -> None:
    text = LINKED.replace("network: {cidr: 10.40.0.0/16}}", "network: {cidr: 10.40.0.0/16}, openai: "
                          "{public_network_access: true}}") if public else LINKED
    vspec = parse_spec(text, "spec.yaml")
    topology = derive(vspec)
    if expected is None:
        [path] = derive_paths(vspec, topology)
        assert path.network.kind == "public" and "links" not in " ".join(path.prerequisites)
        return
    with pytest.raises(SpecError) as err:
        derive_paths(vspec, topology)
    [problem] = err.value.diagnostics
    assert problem.path == ("routing", "chain", 0) and expected in problem.message


@pytest.mark.parametrize(("account_id", "clash"), [("222222222222", True), ("111111111111", False)],
                         ids=["same-account", "the-home-account"])
def test_an_estate_keys_a_federated_role_by_the_account_it_is_built_in(account_id: str, clash: bool) -> None:
    """The GKE router's IAM role is built in the workload account (222...): another spec's role of the same name
    clashes there, and not in the home account (111...) where nothing federated is built."""
    from mcai.estate.rules import Member, check

    other = f"""\
version: 1
name: acme
environment: prod
control_plane: aws
clouds:
  aws: {{account_id: "{account_id}", region: us-west-2}}
workloads:
  router:
    runs_on: {{cloud: aws, kind: eks, cluster: other, namespace: router, service_account: router}}
models:
  claude: {{provider: bedrock, model: anthropic.claude-sonnet-4-6, inference_profile: us}}
routing: {{router: router, chain: [claude]}}
"""
    members = [Member(v, derive(v)) for v in (parse_spec(GKE_APPS_TO_BEDROCK_WORKLOADS, "gke.yaml"),
                                               parse_spec(other, "eks.yaml"))]
    found = [d for d in check(members) if "IAM role name" in d.message]
    assert bool(found) == clash, found
