"""Workloads on GKE and AKS (issue 16): every trust edge names the cluster's exact issuer, the one namespace/service
account as subject and the audience the target cloud checks; in its own project a GKE workload is its own principal;
one IAM OIDC provider per foreign issuer; the path model gives every use an identity and a network path."""

from __future__ import annotations

import pytest
from conftest import REPO

from mcai.diagnostics import SpecError
from mcai.pipeline import derive_all
from mcai.spec import parse_spec
from mcai.topology import derive

GKE_ISSUER = "https://container.googleapis.com/v1/projects/acme-ai-prod/locations/us-east4/clusters/ai-platform"
AKS_ISSUER = ("https://eastus2.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/"
              "22222222-2222-2222-2222-222222222222/")
SUBJECT = "system:serviceaccount:router:router"


def edges(example: str) -> dict[tuple[str, str], object]:
    _, topology, _ = derive_all(REPO / "examples" / f"{example}.yaml")
    return {(e.from_cloud, e.to_cloud): e for e in topology.trust_edges}


def test_gke_router_is_trusted_by_aws_and_azure_with_exact_conditions() -> None:
    found = edges("gcp-primary")
    aws, azure = found[("gcp", "aws")], found[("gcp", "azure")]
    assert (aws.issuer, aws.subject, aws.audience) == (GKE_ISSUER, SUBJECT, "sts.amazonaws.com")
    assert aws.mechanism == "aws_web_identity_gke"
    assert aws.principal == "arn:aws:iam::111122223333:role/support-assistant-prod-inference-router"
    assert (azure.issuer, azure.subject, azure.audience) == (GKE_ISSUER, SUBJECT, "api://AzureADTokenExchange")
    assert azure.mechanism == "azure_fic_gke_oidc"


def test_gke_router_is_its_own_principal_in_the_project() -> None:
    _, topology, paths = derive_all(REPO / "examples" / "gcp-primary.yaml")
    gcp = topology.stack("gcp")
    modules = {m.module for m in gcp.modules}
    assert "gcp-gke-workload" in modules
    assert not modules & {"gcp-workload-sa", "gcp-workload-identity"}, "no service account, no pool for GKE"
    principal = topology.call("gcp", "workload_inference_router")
    roles = principal.inputs["project_roles"]
    assert "roles/aiplatform.user" in roles, "Vertex AI is called on the project, by the principal itself"
    assert set(roles) <= {"roles/aiplatform.user", "roles/bigquery.jobUser", "roles/bigquery.readSessionUser"}
    dataset = topology.call("gcp", "data_analytics")
    assert dataset.inputs["writers"]["inference-router"].text == "module.workload_inference_router.member"
    gemini = next(p for p in paths if p.use.target == "gemini")
    assert gemini.network.kind == "same-cloud"
    assert "workloadIdentityPools/acme-ai-prod.svc.id.goog/subject/ns/router/sa/router" in gemini.identity[1]
    # the principal exists only on a cluster running Workload Identity Federation for GKE: a numbered step says so
    steps = [s for _, _, s in topology.numbered_steps]
    assert any("GKE cluster ai-platform" in s and "workload pool acme-ai-prod.svc.id.goog" in s and "GKE_METADATA" in s
               for s in steps), steps


def test_aws_trusts_the_gke_issuer_through_one_oidc_provider() -> None:
    _, topology, _ = derive_all(REPO / "examples" / "gcp-primary.yaml")
    aws = topology.stack("aws")
    provider = next(m for m in aws.modules if m.module == "aws-oidc-provider")
    assert provider.inputs == {"issuer_url": GKE_ISSUER, "audience": "sts.amazonaws.com"}
    role = topology.call("aws", "workload_inference_router")
    trust = role.inputs["trust"]
    assert trust["type"] == "oidc" and (trust["namespace"], trust["service_account"]) == ("router", "router")
    assert trust["oidc_provider_arn"].text == f"module.{provider.label}.arn"


def test_aks_router_is_trusted_by_every_cloud_with_exact_conditions() -> None:
    found = edges("azure-primary")
    aws, azure, gcp = found[("azure", "aws")], found[("azure", "azure")], found[("azure", "gcp")]
    assert (aws.issuer, aws.subject, aws.audience) == (AKS_ISSUER, SUBJECT, "sts.amazonaws.com")
    assert (azure.issuer, azure.subject, azure.audience) == (AKS_ISSUER, SUBJECT, "api://AzureADTokenExchange")
    assert azure.mechanism == "azure_fic_aks_oidc"
    assert (gcp.issuer, gcp.subject) == (AKS_ISSUER, SUBJECT)
    assert gcp.audience == ("//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/"
                            "inference-router-prod/providers/aks-oidc")
    assert gcp.mechanism == "gcp_wif_aks_oidc_impersonation"


def test_aks_issuer_is_kept_byte_for_byte_on_every_side() -> None:
    _, topology, _ = derive_all(REPO / "examples" / "azure-primary.yaml")
    pool = topology.call("gcp", "identity_inference_router")
    assert pool.inputs["oidc"] == {"issuer_uri": AKS_ISSUER, "subject": SUBJECT}
    ident = topology.call("azure", "identity_inference_router")
    assert [c["issuer"] for c in ident.inputs["federated_credentials"]] == [AKS_ISSUER]
    provider = next(m for m in topology.stack("aws").modules if m.module == "aws-oidc-provider")
    assert provider.inputs["issuer_url"] == AKS_ISSUER


def test_aks_uses_wait_for_the_numbered_network_step() -> None:
    _, topology, paths = derive_all(REPO / "examples" / "azure-primary.yaml")
    gpt = next(p for p in paths if p.use.target == "gpt51")
    assert gpt.network.kind == "same-cloud" and gpt.works_after.startswith("manual step ")
    assert "AKS cluster ai-platform" in gpt.works_after
    steps = [s for _, _, s in topology.numbered_steps]
    assert any("peer the cluster's VNet" in s for s in steps)


SHARED_CLUSTER = """
version: 1
name: est
environment: dev
control_plane: gcp
clouds:
  aws: {account_id: "111122223333", region: us-east-1}
  gcp: {project_id: acme-ai-prod, project_number: "123456789012", region: us-east4}
workloads:
  ROUTER:
    runs_on: {cloud: gcp, kind: gke, cluster: ai-platform, location: us-east4, namespace: router, service_account: r}
    public_access: {claude: fallback}
  indexer:
    runs_on: {cloud: gcp, kind: gke, cluster: ai-platform, location: us-east4, namespace: index, service_account: i}
    public_access: {docs: reads documents}
models:
  claude: {provider: bedrock, model: anthropic.claude-sonnet-4-6, inference_profile: us}
routing: {router: ROUTER, chain: [claude]}
data:
  docs: {cloud: aws, kind: s3, used_by: [indexer]}
"""


def test_workloads_of_one_cluster_share_its_oidc_provider_each_with_its_own_subject() -> None:
    topology = derive(parse_spec(SHARED_CLUSTER.replace("ROUTER", "router"), "s.yaml"))
    aws = topology.stack("aws")
    assert [m.label for m in aws.modules if m.module == "aws-oidc-provider"] == ["oidc_gke_ai_platform"]
    roles = {m.label: m.inputs["trust"] for m in aws.modules if m.module == "aws-workload-role"}
    assert {k: (t["namespace"], t["service_account"]) for k, t in roles.items()} == {
        "workload_indexer": ("index", "i"), "workload_router": ("router", "r")}


def test_a_foreign_workload_role_name_over_the_iam_limit_is_located() -> None:
    long = "router-" + "x" * 30
    text = SHARED_CLUSTER.replace("ROUTER", long).replace("name: est", "name: " + "e" * 30)
    with pytest.raises(SpecError) as err:
        derive(parse_spec(text, "s.yaml"))
    assert [d.dotted_path for d in err.value.diagnostics] == [f"workloads.{long}"]
    assert "64" in err.value.diagnostics[0].message


# -- the control plane on any cloud: every stack's state lives in the chosen cloud -------------------------------------
@pytest.mark.parametrize(("example", "backend", "auth"), [
    ("gcp-primary", "gcs", {}), ("azure-primary", "azurerm", {"use_azuread_auth": "true"}),
    # production-pattern keeps its state in its bootstrap's bucket: encrypted by the bucket's KMS key, so `encrypt`
    # (SSE-S3) is left unset there (tests/test_bootstrap.py)
    ("production-pattern", "s3", {"use_lockfile": "true"}), ("article-egress", "s3", {"use_lockfile": "true",
                                                                                       "encrypt": "true"})])
def test_every_stack_keeps_its_state_in_the_control_plane(example: str, backend: str, auth: dict) -> None:
    _, topology, _ = derive_all(REPO / "examples" / f"{example}.yaml")
    assert {s.backend.type for s in topology.stacks} == {backend}
    keys = [s.backend.key for s in topology.stacks]
    assert len(set(keys)) == len(keys) == len(topology.stacks), "one state file per stack"
    for stack in topology.stacks:
        assert auth.items() <= stack.backend.settings.items(), "Entra ID / locking settings on every backend"


def test_one_control_plane_finding_reads_the_same_for_a_gcp_primary() -> None:
    from mcai import findings
    from mcai.cost import estimate_spec

    source = (REPO / "examples" / "gcp-primary.yaml").read_text()
    vspec = parse_spec(source, "g.yaml")
    assert not [f for f in findings.run(vspec, derive(vspec), estimate_spec(vspec))
                if f.id == "more-than-one-control-plane"]
    logged = source.replace("    region: us-east-1\n", "    region: us-east-1\n    bedrock: {invocation_logging: {}}\n")
    assert logged != source
    vspec = parse_spec(logged, "g.yaml")
    found = [f for f in findings.run(vspec, derive(vspec), estimate_spec(vspec)) if f.id == "more-than-one-control-plane"]
    assert len(found) == 1 and "control plane is gcp" in found[0].message


def test_report_shows_the_aks_identitys_own_federation(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from mcai.cli.app import app

    result = CliRunner().invoke(app, ["plan", str(REPO / "examples" / "azure-primary.yaml"), "-o",
                                      str(tmp_path / "out"), "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert "(azure -> azure, `azure_fic_aks_oidc`)" in result.stdout
    assert f"- Issuer: `{AKS_ISSUER}`" in result.stdout
