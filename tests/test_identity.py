"""Workload identity federation (issue 6): the trust chain derived on every side, from one place."""

from __future__ import annotations

import pytest
from conftest import REPO

from mcai.diagnostics import SpecError
from mcai.pipeline import generate
from mcai.spec import parse_spec
from mcai.topology import derive

SPEC = """
version: 1
name: est
environment: dev
control_plane: aws
clouds:
  aws: {account_id: "111122223333", region: us-east-1}
  gcp: {project_id: acme-ai-dev, project_number: "123456789012", region: us-east4}
workloads:
  WORKLOAD:
    runs_on: {cloud: aws, kind: eks, cluster: c, namespace: n, service_account: sa,
              oidc_issuer: https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF}
data:
  logs: {cloud: gcp, kind: bigquery, used_by: [WORKLOAD]}
identity:
  WORKLOAD: {gcp: {bigquery: [logs]GCP_EXTRA}}
"""


def derive_text(workload: str = "indexer", gcp_extra: str = ""):  # type: ignore[no-untyped-def]
    return derive(parse_spec(SPEC.replace("WORKLOAD", workload).replace("GCP_EXTRA", gcp_extra), "s.yaml"))


def test_gcp_only_eks_workload_needs_no_aws_role() -> None:
    aws = derive_text().stack("aws")
    assert not [m for m in aws.modules if m.module == "aws-workload-role"], \
        "Google trusts the cluster's OIDC issuer directly: the IAM role would be an unused identity"


def test_eks_workloads_federate_through_the_cluster_oidc_issuer_and_impersonate() -> None:
    topo = derive_text()
    gcp = topo.stack("gcp")
    wif = next(m for m in gcp.modules if m.module == "gcp-workload-identity")
    assert "aws" not in wif.inputs
    assert wif.inputs["oidc"] == {"issuer_uri": "https://oidc.eks.us-east-1.amazonaws.com/id/"
                                                "0123456789ABCDEF0123456789ABCDEF",
                                  "subject": "system:serviceaccount:n:sa"}
    assert (wif.inputs["pool_id"], wif.inputs["provider_id"]) == ("indexer-dev", "eks-oidc")
    sa = next(m for m in gcp.modules if m.module == "gcp-workload-sa")
    assert sa.inputs["workload_identity_members"]["federation"].text == "module.identity_indexer.principal"
    (edge,) = [e for e in topo.trust_edges if e.to_cloud == "gcp"]
    assert edge.principal.endswith("/subject/system:serviceaccount:n:sa") and edge.subject == \
        "system:serviceaccount:n:sa"
    assert edge.permissions == (
        "roles/iam.workloadIdentityUser on service account est-dev-indexer@acme-ai-dev.iam.gserviceaccount.com",
        *(f"roles/bigquery.{r} on project acme-ai-dev (held by service account "
          "est-dev-indexer@acme-ai-dev.iam.gserviceaccount.com)" for r in ("jobUser", "readSessionUser")),
        ("roles/bigquery.dataEditor on dataset est_dev_logs (held by service account "
         "est-dev-indexer@acme-ai-dev.iam.gserviceaccount.com)"))


def test_the_aws_provider_form_is_an_error_for_eks_workloads() -> None:
    """Issue 11 item 5: EKS picks the session name, the ARN can exceed Google's 127 bytes and Google's client
    libraries cannot read Pod Identity credentials, so via: aws can never work for an EKS workload."""
    with pytest.raises(SpecError) as err:
        derive_text(gcp_extra=", via: aws")
    (d,) = err.value.diagnostics
    assert d.dotted_path == "identity.indexer.gcp.via" and d.location is not None
    assert "via 'aws' cannot work for workload 'indexer' on EKS" in d.message and "eks_oidc" in d.message


def test_federation_into_gcp_requires_the_cluster_oidc_issuer() -> None:
    text = SPEC.replace("WORKLOAD", "indexer").replace("GCP_EXTRA", "")
    text = text.replace(",\n              oidc_issuer: https://oidc.eks.us-east-1.amazonaws.com/id/"
                        "0123456789ABCDEF0123456789ABCDEF", "")
    with pytest.raises(SpecError) as err:
        parse_spec(text, "s.yaml")
    assert any(d.dotted_path == "identity.indexer.gcp.via" and "needs the workload's 'runs_on.oidc_issuer'"
               in d.message for d in err.value.diagnostics), err.value.render()


def test_direct_grants_leave_no_second_identity() -> None:
    gcp = derive_text(gcp_extra=", grant: direct").stack("gcp")
    assert not [m for m in gcp.modules if m.module == "gcp-workload-sa"]
    wif = next(m for m in gcp.modules if m.module == "gcp-workload-identity")
    assert wif.inputs["direct_grants"]["project_roles"] == ["roles/bigquery.jobUser", "roles/bigquery.readSessionUser"]
    assert list(wif.inputs["direct_grants"]["bigquery_datasets"]) == ["logs"]


def test_a_derived_pool_id_over_32_characters_is_reported_at_the_identity() -> None:
    with pytest.raises(SpecError) as err:
        derive_text(workload="a-very-long-workload-name-for-pools")
    messages = [d.message for d in err.value.diagnostics]
    assert any("workload identity pool or provider id 'a-very-long-workload-name-for-pools-dev' is 39 characters"
               in m for m in messages), messages


def test_outbound_federation_raises_the_aws_floor_and_scopes_the_token_audience() -> None:
    _, topo, tree = generate(REPO / "examples" / "identity-federation.yaml")
    aws = topo.stack("aws")
    assert aws.providers[0].version == ">= 6.26, < 7.0" and aws.providers[0].min_version_reason
    assert "# mcai:min-provider aws 6.26 (" in tree.files["aws/terraform.tf"].decode()
    role = next(m for m in aws.modules if m.module == "aws-workload-role")
    assert role.inputs["statements"] == [{
        "sid": "FederateToAzure", "actions": ["sts:GetWebIdentityToken"], "resources": ["*"],
        "conditions": [{"test": "StringEquals", "variable": "sts:IdentityTokenAudience",
                        "values": ["api://AzureADTokenExchange"]}]}]
    azure = topo.stack("azure")
    assert [v.name for v in azure.variables if v.required] == ["aws_outbound_issuer"]
    creds = next(m for m in azure.modules if m.module == "azure-workload-identity").inputs["federated_credentials"]
    assert [c["name"] for c in creds] == ["router-aws-outbound"]
    assert creds[0]["subject"] == "arn:aws:iam::444455556666:role/helpdesk-prod-router"


def test_other_stacks_keep_the_usual_aws_floor() -> None:
    _, topo, tree = generate(REPO / "examples" / "production-pattern.yaml")
    assert topo.stack("aws").providers[0].version == ">= 5.100, < 7.0"
    assert "mcai:min-provider" not in tree.files["aws/terraform.tf"].decode()


def test_production_pattern_trusts_the_router_on_all_three_sides() -> None:
    _, topo, _ = generate(REPO / "examples" / "production-pattern.yaml")
    clouds = {(e.from_cloud, e.to_cloud) for e in topo.trust_edges if e.workload == "inference-router"}
    assert clouds == {("aws", "aws"), ("aws", "azure"), ("aws", "gcp")}
    (azure,) = [e for e in topo.trust_edges if e.to_cloud == "azure"]
    assert (azure.subject, azure.audience) == ("system:serviceaccount:router:router", "api://AzureADTokenExchange")
    assert azure.permissions == (("Cognitive Services OpenAI User on Azure OpenAI account "
                                  "support-assistant-prod-openai (deployments: embeddings, gpt51, gpt51-paygo)"),)
