"""Kubernetes objects and SDK credential configuration per workload: the manifests validate against the Kubernetes
JSON schemas (kubernetes-validate, pinned, strict: unknown fields fail), the GCP credential configuration is accepted
by google-auth, and every value matches the trust the Terraform creates (role ARN, token audiences, service account,
client id output)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from conftest import EXAMPLES, GOLDEN, LAYOUTS
from google.auth import identity_pool

from mcai.handoff import after_apply_refs
from mcai.pipeline import derive_all

# EKS standard support at the time of writing runs 1.31-1.34; 1.37 is the newest schema the pinned package ships
K8S_VERSIONS = ("1.31", "1.34", "1.37")
SPECS = {**{e.stem: e for e in EXAMPLES}, **LAYOUTS}  # golden tree name -> its spec
WORKLOAD_DIRS = sorted(p.parent for p in GOLDEN.glob("*/handoff/*/kubernetes.yaml"))


def _docs(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d is not None]


def _applied(patch: dict) -> dict:
    """The patch merged into the smallest Deployment a team would have (selector, one container with an image)."""
    deployment = copy.deepcopy(patch)
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    deployment["spec"]["selector"] = {"matchLabels": labels}
    deployment["spec"]["template"]["spec"]["containers"][0]["image"] = "ghcr.io/berriai/litellm:main-stable"
    return deployment


def test_every_example_with_workload_uses_has_its_identity_files() -> None:
    assert len(WORKLOAD_DIRS) >= len(EXAMPLES), WORKLOAD_DIRS


@pytest.mark.parametrize("version", K8S_VERSIONS)
@pytest.mark.parametrize("workload", WORKLOAD_DIRS, ids=lambda p: f"{p.parents[1].name}/{p.name}")
def test_manifests_validate_against_kubernetes_schemas(workload: Path, version: str) -> None:
    for doc in _docs(workload / "kubernetes.yaml"):
        kubernetes_validate.validate(doc, version, strict=True)
    kubernetes_validate.validate(_applied(yaml.safe_load((workload / "deployment-patch.yaml").read_text())),
                                 version, strict=True)


def test_schema_validation_can_fail() -> None:
    bad = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "x", "annotation": {}}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(bad, K8S_VERSIONS[0], strict=True)


GCP_FILES = sorted(GOLDEN.glob("*/handoff/*/gcp-credentials.json"))


def test_examples_federating_into_gcp_have_a_credential_file() -> None:
    assert {p.parents[2].name for p in GCP_FILES} >= {"production-pattern", "identity-federation", "gcp-vertex"}


@pytest.mark.parametrize("path", GCP_FILES, ids=lambda p: f"{p.parents[2].name}/{p.parent.name}")
def test_gcp_credential_file_is_accepted_by_google_auth(path: Path) -> None:
    info = json.loads(path.read_text())
    assert info["type"] == "external_account"
    credentials = identity_pool.Credentials.from_info(info)  # what google.auth.default() builds from the file
    assert isinstance(credentials, identity_pool.Credentials)
    vspec, topology, _ = derive_all(SPECS[path.parents[2].name])
    edge = next(e for e in topology.trust_edges if e.workload == path.parent.name and e.to_cloud == "gcp")
    assert info["audience"] == edge.audience
    held = [p for p in edge.permissions if p.startswith("roles/iam.workloadIdentityUser on service account ")]
    assert credentials.service_account_email == (held[0].rsplit(" ", 1)[1] if held else None)
    # the pod's projected token carries the provider's audience and lands where the file reads it
    patch = yaml.safe_load((path.parent / "deployment-patch.yaml").read_text())
    token = _projected(patch, edge.audience)
    assert info["credential_source"]["file"] == token
    # the ConfigMap the pod mounts holds the same bytes
    config_map = next(d for d in _docs(path.parent / "kubernetes.yaml") if d["kind"] == "ConfigMap")
    assert config_map["data"]["credentials.json"] == path.read_text()


def _projected(patch: dict, audience: str) -> str:
    """The path of the token projected with `audience` (the mount's directory + the projection's path)."""
    pod = patch["spec"]["template"]["spec"]
    volume = next(v for v in pod.get("volumes", []) if "projected" in v
                  and v["projected"]["sources"][0]["serviceAccountToken"]["audience"] == audience)
    mount = next(m for m in pod["containers"][0]["volumeMounts"] if m["name"] == volume["name"])
    return f"{mount['mountPath']}/{volume['projected']['sources'][0]['serviceAccountToken']['path']}"


AZURE_FILES = sorted(GOLDEN.glob("*/handoff/*/azure.env"))


@pytest.mark.parametrize("path", AZURE_FILES, ids=lambda p: f"{p.parents[2].name}/{p.parent.name}")
def test_azure_environment_matches_the_federated_credential(path: Path) -> None:
    env = dict(line.split("=", 1) for line in path.read_text().splitlines() if line and not line.startswith("#"))
    vspec, topology, paths = derive_all(SPECS[path.parents[2].name])
    workload = path.parent.name
    assert env["AZURE_TENANT_ID"] == vspec.spec.clouds.azure.tenant_id
    output = f"identity_{workload.replace('-', '_')}_client_id"
    assert env["AZURE_CLIENT_ID"] == f"<after apply: azure output {output}>"
    assert output in {o.name for s in topology.stacks if s.cloud == "azure" for o in s.outputs}
    patch = yaml.safe_load((path.parent / "deployment-patch.yaml").read_text())
    container = patch["spec"]["template"]["spec"]["containers"][0]
    assert {e["name"]: e["value"] for e in container["env"] if e["name"].startswith("AZURE_")} == env
    if vspec.spec.identity[workload].azure.via in ("eks_oidc", "gke_oidc"):
        assert env["AZURE_FEDERATED_TOKEN_FILE"] == _projected(patch, "api://AzureADTokenExchange")
    else:  # the token comes from sts:GetWebIdentityToken, not from the cluster: the file says so
        assert "AZURE_FEDERATED_TOKEN_FILE" not in env and "GetWebIdentityToken" in path.read_text()


@pytest.mark.parametrize("workload", WORKLOAD_DIRS, ids=lambda p: f"{p.parents[1].name}/{p.name}")
def test_service_account_carries_what_its_aws_identity_needs(workload: Path) -> None:
    vspec, topology, _ = derive_all(SPECS[workload.parents[1].name])
    runtime = vspec.spec.workloads[workload.name].runs_on
    account = next(d for d in _docs(workload / "kubernetes.yaml") if d["kind"] == "ServiceAccount")
    assert (account["metadata"]["name"], account["metadata"]["namespace"]) == (runtime.service_account,
                                                                                runtime.namespace)
    annotations = account["metadata"].get("annotations", {})
    edge = next((e for e in topology.trust_edges if e.workload == workload.name and e.to_cloud == "aws"), None)
    if edge is not None and getattr(runtime, "aws_identity", None) == "irsa":
        assert annotations["eks.amazonaws.com/role-arn"] == edge.principal
    else:  # Pod Identity (the association is Terraform's) or GKE/AKS web identity: nothing on the service account
        assert "eks.amazonaws.com/role-arn" not in annotations


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_after_apply_value_is_a_declared_output(example: Path) -> None:
    vspec, topology, paths = derive_all(example)
    declared = {(s.name, o.name) for s in topology.stacks for o in s.outputs if not o.sensitive}
    for ref in after_apply_refs(vspec.spec, topology, paths):
        assert (ref.stack, ref.output) in declared, ref


def test_a_kind_without_hand_off_rules_gets_no_kubernetes_files_and_no_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kind with no hand-off rules (not in identities.SUPPORTED) gets no files rather than a guess."""
    from mcai.handoff import identities
    from mcai.pipeline import generate

    monkeypatch.setattr(identities, "SUPPORTED", frozenset())
    _, _, tree = generate(next(e for e in EXAMPLES if e.stem == "production-pattern"))
    handoff = sorted(p for p in tree if p.startswith("handoff/"))
    assert handoff == ["handoff/inference-router/litellm-config.yaml", "handoff/inference-router/mcai_correlation.py"]
