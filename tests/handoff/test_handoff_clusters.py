"""GKE and AKS workloads get hand-off files like EKS ones, each cloud reached the way its kind allows: AWS by a
projected token exchanged with AssumeRoleWithWebIdentity (botocore builds that provider from the patch's variables,
offline), Azure on AKS through the workload identity webhook (label + annotations, no variables of mcai's) and from
GKE through a projected token, GCP on GKE natively (no file, no exchange) and from AKS through an external_account
file. Schema validation and google-auth acceptance of these files run in test_handoff_identity.py over every golden."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import GOLDEN
from test_handoff_identity import SPECS, _docs, _projected

from mcai.pipeline import derive_all

CLUSTER_EXAMPLES = ("gcp-primary", "azure-primary")


def _files(example: str) -> tuple[Path, dict, dict, object]:
    vspec, topology, _ = derive_all(SPECS[example])
    router = vspec.spec.routing.router
    where = GOLDEN / example / "handoff" / router
    patch = yaml.safe_load((where / "deployment-patch.yaml").read_text())
    return where, patch, {e.to_cloud: e for e in topology.trust_edges if e.workload == router and e.issuer}, vspec


def _env(patch: dict) -> dict[str, str]:
    return {e["name"]: e["value"] for e in patch["spec"]["template"]["spec"]["containers"][0].get("env", [])}


@pytest.mark.parametrize("example", CLUSTER_EXAMPLES)
def test_aws_is_reached_by_web_identity_from_the_projected_token(example: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import botocore.session

    where, patch, edges, _ = _files(example)
    env = _env(patch)
    edge = edges["aws"]
    assert env["AWS_ROLE_ARN"] == edge.principal
    assert env["AWS_WEB_IDENTITY_TOKEN_FILE"] == _projected(patch, edge.audience) and edge.audience
    account = next(d for d in _docs(where / "kubernetes.yaml") if d["kind"] == "ServiceAccount")
    assert not any(k.startswith("eks.amazonaws.com/") for k in account["metadata"].get("annotations", {}))
    # botocore's default chain, given exactly these variables, assumes the role with the token file (no network:
    # the credentials are deferred until first use)
    token = tmp_path / "token"
    token.write_text("header.payload.signature")
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    for key, value in env.items():
        if key.startswith("AWS_"):
            monkeypatch.setenv(key, str(token) if key == "AWS_WEB_IDENTITY_TOKEN_FILE" else value)
    credentials = botocore.session.Session().get_credentials()
    assert credentials is not None and credentials.method == "assume-role-with-web-identity"


def test_aks_pod_uses_the_workload_identity_webhook_for_azure() -> None:
    where, patch, edges, vspec = _files("azure-primary")
    assert vspec.spec.workloads[vspec.spec.routing.router].runs_on.kind == "aks"
    assert patch["spec"]["template"]["metadata"]["labels"]["azure.workload.identity/use"] == "true"
    annotations = next(d for d in _docs(where / "kubernetes.yaml")
                       if d["kind"] == "ServiceAccount")["metadata"]["annotations"]
    assert annotations["azure.workload.identity/client-id"] == \
        "<after apply: azure output identity_inference_router_client_id>"
    assert annotations["azure.workload.identity/tenant-id"] == vspec.spec.clouds.azure.tenant_id
    # the webhook mounts the token and sets AZURE_*: mcai's patch sets none and projects no Azure token
    assert not {k for k in _env(patch) if k.startswith("AZURE_")}
    with pytest.raises(StopIteration):
        _projected(patch, edges["azure"].audience)
    assert not (where / "azure.env").exists()
    # GCP from AKS: an external_account file for the AKS issuer's pool provider
    assert _env(patch)["GOOGLE_APPLICATION_CREDENTIALS"] == "/etc/mcai/gcp/credentials.json"
    assert (where / "gcp-credentials.json").exists()


def test_gke_pod_reaches_gcp_natively_and_azure_by_its_projected_token() -> None:
    where, patch, edges, vspec = _files("gcp-primary")
    assert vspec.spec.workloads[vspec.spec.routing.router].runs_on.kind == "gke"
    env = _env(patch)
    assert "gcp" not in edges  # in its own project the KSA principal is granted directly
    assert "GOOGLE_APPLICATION_CREDENTIALS" not in env and not (where / "gcp-credentials.json").exists()
    assert "GKE metadata server" in (where / "kubernetes.yaml").read_text()
    assert "GKE metadata server" in (where / "litellm-config.yaml").read_text()
    assert "azure.workload.identity/use" not in patch["spec"]["template"]["metadata"]["labels"]
    assert env["AZURE_FEDERATED_TOKEN_FILE"] == _projected(patch, edges["azure"].audience)
    assert (where / "azure.env").exists()
