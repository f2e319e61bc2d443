"""The one place that knows how a kind of cluster hands identities to pods (EKS, GKE, AKS).

A kind says which annotations its service account carries, which labels its pods carry, and which clouds it
federates into by projected service-account tokens mounted into the pod (audience per cloud), as opposed to clouds
it serves natively: EKS serves AWS (Pod Identity or IRSA), GKE serves GCP in its own project (Workload Identity
Federation for GKE: the metadata server), AKS serves Azure (the workload identity webhook mounts the token and sets
AZURE_* when the pod carries `azure.workload.identity/use: "true"`)."""

from __future__ import annotations

from dataclasses import dataclass

from mcai.handoff.identities import SUPPORTED, WorkloadIdentities
from mcai.handoff.model import AfterApply

TOKEN_DIR = "/var/run/secrets/mcai"
GCP_CONFIG_DIR = "/etc/mcai/gcp"
GCP_CONFIG_FILE = "credentials.json"
AZURE_AUTHORITY = "https://login.microsoftonline.com/"
AKS_WEBHOOK_LABEL = "azure.workload.identity/use"
AKS_TOKEN_FILE = "/var/run/secrets/azure/tokens/azure-identity-token"
"""Where the AKS workload identity webhook mounts the pod's token (and sets AZURE_FEDERATED_TOKEN_FILE to it)."""


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
        # AKS: the webhook reads them and injects the AZURE_* variables; elsewhere the pod patch sets those itself
        out["azure.workload.identity/client-id"] = ident.azure.client_id
        out["azure.workload.identity/tenant-id"] = ident.azure.tenant_id
    return out


def azure_by_webhook(ident: WorkloadIdentities) -> bool:
    """An AKS pod reaching Azure: the workload identity webhook mounts the token and sets AZURE_* (mcai sets none)."""
    return ident.azure is not None and ident.azure.via == "aks_oidc"


def pod_labels(ident: WorkloadIdentities) -> dict[str, str]:
    """Labels the pod template needs beyond mcai's own (the AKS webhook acts only on labelled pods)."""
    return {AKS_WEBHOOK_LABEL: "true"} if azure_by_webhook(ident) else {}


def projections(ident: WorkloadIdentities) -> tuple[Projection, ...]:
    """Tokens the pod must mount: one per cloud whose exchange trusts the cluster's OIDC issuer and that the kind
    does not serve natively (AWS from GKE/AKS, Azure from EKS/GKE, GCP from EKS/AKS)."""
    out: list[Projection] = []
    if ident.aws is not None and ident.aws.mechanism == "web_identity":
        out.append(Projection("aws", ident.aws.audience, f"{TOKEN_DIR}/aws/token"))
    if ident.azure is not None and ident.azure.via in ("eks_oidc", "gke_oidc"):
        out.append(Projection("azure", ident.azure.audience, f"{TOKEN_DIR}/azure/token"))
    if ident.gcp is not None and not ident.gcp.native:
        out.append(Projection("gcp", ident.gcp.audience, f"{TOKEN_DIR}/gcp/token"))
    return tuple(out)


def aws_environment(ident: WorkloadIdentities) -> dict[str, str]:
    """What the AWS SDKs (boto3 under LiteLLM) read for a web identity: the role and the projected token file."""
    if ident.aws is None:
        return {}
    # Every STS call (the web-identity exchange, a chained AssumeRole into another account) goes to the region's
    # endpoint, the one an STS interface endpoint in a private VPC answers, never the global sts.amazonaws.com.
    env = {"AWS_REGION": ident.aws.region, "AWS_STS_REGIONAL_ENDPOINTS": "regional"}
    token = next((p for p in projections(ident) if p.cloud == "aws"), None)
    if token is not None:
        env |= {"AWS_ROLE_ARN": ident.aws.role_arn, "AWS_WEB_IDENTITY_TOKEN_FILE": token.path,
                "AWS_ROLE_SESSION_NAME": ident.workload}
    return env


def notes(ident: WorkloadIdentities) -> tuple[str, ...]:
    """How the pod gets each cloud's credentials on this kind (comments in the manifests)."""
    out: list[str] = []
    if ident.aws is not None and ident.aws.mechanism == "pod_identity":
        out.append(f"AWS: EKS Pod Identity (association created by the {ident.aws.stack} stack) gives this service account "
                   f"{ident.aws.role_arn}; the EKS Pod Identity Agent add-on must run on cluster {ident.cluster}.")
    elif ident.aws is not None and ident.aws.mechanism == "irsa":
        out.append(f"AWS: IRSA, the annotation below names {ident.aws.role_arn}.")
    elif ident.aws is not None:
        out.append(f"AWS: the pod's projected token (audience {ident.aws.audience}) is exchanged by "
                   f"AssumeRoleWithWebIdentity for {ident.aws.role_arn} (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE "
                   "in deployment-patch.yaml).")
    if azure_by_webhook(ident):
        out.append(f"Azure: the AKS workload identity webhook (cluster {ident.cluster} with --enable-workload-identity) "
                   f"reads the annotations below and, on pods labelled {AKS_WEBHOOK_LABEL}: \"true\" "
                   "(deployment-patch.yaml), mounts the token and sets AZURE_CLIENT_ID, AZURE_TENANT_ID, "
                   "AZURE_FEDERATED_TOKEN_FILE and AZURE_AUTHORITY_HOST.")
    if ident.gcp is not None and ident.gcp.native:
        out.append(f"GCP: Workload Identity Federation for GKE; the project grants name this service account's "
                   f"principal and the GKE metadata server gives the pod its tokens (no Google service account, "
                   f"no credential file): cluster {ident.cluster} and its node pools must run it.")
    return tuple(out)
