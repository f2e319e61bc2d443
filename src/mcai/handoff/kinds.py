"""The one place that knows how a kind of cluster hands identities to pods (EKS today; GKE and AKS add an entry).

A kind says which annotations its service account carries and which clouds it federates into by projected
service-account tokens mounted into the pod (audience per cloud), as opposed to clouds it serves natively (EKS: AWS
through Pod Identity or IRSA; GKE: GCP; AKS: Azure through the workload identity webhook)."""

from __future__ import annotations

from dataclasses import dataclass

from mcai.handoff.identities import WorkloadIdentities
from mcai.handoff.model import AfterApply

TOKEN_DIR = "/var/run/secrets/mcai"
GCP_CONFIG_DIR = "/etc/mcai/gcp"
GCP_CONFIG_FILE = "credentials.json"
AZURE_AUTHORITY = "https://login.microsoftonline.com/"


SUPPORTED = frozenset({"eks"})
"""Kinds with hand-off rules; a workload on another kind gets no Kubernetes or credential files (yet), never a guess."""


@dataclass(frozen=True)
class Projection:
    """A projected service-account token for one cloud's token exchange."""

    cloud: str
    audience: str
    path: str
    """Where the token file appears in the container."""


def service_account_annotations(ident: WorkloadIdentities) -> dict[str, str | AfterApply]:
    """Annotations the service account needs on its kind of cluster."""
    assert ident.kind in SUPPORTED, ident.kind
    out: dict[str, str | AfterApply] = {}
    if ident.aws is not None and ident.aws.mechanism == "irsa":
        out["eks.amazonaws.com/role-arn"] = ident.aws.role_arn
        out["eks.amazonaws.com/sts-regional-endpoints"] = "true"
    if ident.azure is not None:
        # read by the Azure workload identity webhook where a cluster runs it; the pod patch does not rely on it
        out["azure.workload.identity/client-id"] = ident.azure.client_id
        out["azure.workload.identity/tenant-id"] = ident.azure.tenant_id
    return out


def projections(ident: WorkloadIdentities) -> tuple[Projection, ...]:
    """Tokens the pod must mount: on EKS, one per other cloud whose exchange trusts the cluster's OIDC issuer."""
    out: list[Projection] = []
    if ident.azure is not None and ident.azure.via == "eks_oidc":
        out.append(Projection("azure", ident.azure.audience, f"{TOKEN_DIR}/azure/token"))
    if ident.gcp is not None:
        out.append(Projection("gcp", ident.gcp.audience, f"{TOKEN_DIR}/gcp/token"))
    return tuple(out)


def aws_note(ident: WorkloadIdentities) -> str:
    """How the pod gets its AWS credentials on this kind (a comment in the manifests)."""
    if ident.aws is None:
        return ""
    if ident.aws.mechanism == "pod_identity":
        return (f"AWS: EKS Pod Identity (association created by the aws stack) gives this service account "
                f"{ident.aws.role_arn}; the EKS Pod Identity Agent add-on must run on cluster {ident.cluster}.")
    return f"AWS: IRSA, the annotation below names {ident.aws.role_arn}."
