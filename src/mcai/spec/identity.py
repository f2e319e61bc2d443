"""Spec objects for workload identity federation: for a workload already declared under `workloads`, the clouds it
reaches and exactly what it may do there. mcai derives the trust chain (issuer, subject, audience) on every side.

There is deliberately no field for a key, a secret, a password or a token audience: the one audience Entra ID
accepts (`api://AzureADTokenExchange`) is fixed by mcai, and no spec path can produce a long-lived credential.
Checks that need the rest of the spec (workloads, models, datasets, limits per identity) live in
`spec/identity_rules.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from mcai.spec.base import LAX, StrictModel
from mcai.spec.types import pattern

# The only audience Entra ID federated credentials should carry (one per credential, by construction).
AZURE_TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange"
# Entra ID allows at most this many federated credentials on one managed identity or app.
MAX_FEDERATED_CREDENTIALS = 20


def _wif_id(value: str) -> str:
    """GCP workload identity pool and provider ids: 4-32 of [a-z0-9-], never starting with the reserved `gcp-`."""
    if not 4 <= len(value) <= 32:
        raise PydanticCustomError("wif_id", "must be 4-32 characters (got {length})", {"length": len(value)})
    if any(c not in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in value):
        raise PydanticCustomError("wif_id", "may only contain lowercase letters, digits and '-' (got {value})",
                                  {"value": repr(value)})
    if value.startswith("gcp-"):
        raise PydanticCustomError("wif_id", "must not start with 'gcp-': Google reserves that prefix (got {value})",
                                  {"value": repr(value)})
    return value


WorkloadIdentityId = Annotated[str, AfterValidator(_wif_id)]
FederatedCredentialName = Annotated[str, pattern(r"[A-Za-z0-9][A-Za-z0-9_-]{2,119}", "fic_name",
                                                  "must be 3-120 letters, digits, '-' and '_', starting with a "
                                                  "letter or digit (Entra ID federated credential name)",
                                                  max_len=120)]
TokenIssuer = Annotated[str, pattern(r"https://[^\s*?#]+", "token_issuer",
                                      "must be an https:// issuer URL without wildcards, query or fragment",
                                      max_len=600)]
TokenSubject = Annotated[str, pattern(r"[^\s*]+", "token_subject",
                                       "must be a token subject without spaces or wildcards", max_len=600)]


class ExtraCredential(StrictModel):
    """Another token issuer trusted for the same workload identity, e.g. a second cluster during a blue/green
    migration or a disaster-recovery region. Its audience is always `api://AzureADTokenExchange`."""

    name: FederatedCredentialName
    """Name of the federated credential (immutable once created)."""
    issuer: TokenIssuer
    """The OIDC issuer URL of the tokens, e.g. the other cluster's EKS OIDC issuer."""
    subject: TokenSubject
    """The exact `sub` claim, e.g. `system:serviceaccount:router:router`."""


class AzureAccess(StrictModel):
    """What the workload may do in Azure, through one user-assigned managed identity trusted by federation."""

    openai: Annotated[tuple[str, ...], LAX] = Field(min_length=1, max_length=50)
    """Azure OpenAI models (keys under `models`) the workload calls: it gets "Cognitive Services OpenAI User"
    (inference only, no keys, no management) on the account that serves them."""
    via: Literal["eks_oidc", "gke_oidc", "aks_oidc", "aws_outbound"] | None = None
    """Which token Azure trusts. Default: the pod's projected service-account token from its own cluster's OIDC
    issuer (`eks_oidc`, `gke_oidc` or `aks_oidc` by `runs_on.kind`; subject
    `system:serviceaccount:<namespace>:<service account>`). `aws_outbound`: a token from AWS IAM
    outbound identity federation (`sts:GetWebIdentityToken`, subject = the workload's IAM role ARN); needs the aws
    provider >= 6.26 and turns the feature on for the whole AWS account."""
    extra_credentials: Annotated[tuple[ExtraCredential, ...], LAX] = ()
    """More issuers trusted for the same identity (Entra ID allows 20 federated credentials per identity)."""


class GcpAccess(StrictModel):
    """What the workload may do in Google Cloud, through a workload identity pool and provider."""

    vertex: bool = False
    """Call Vertex AI models: `roles/aiplatform.user` on the project (the narrowest scope Vertex offers)."""
    bigquery: Annotated[tuple[str, ...], LAX] = Field(default=(), max_length=50)
    """BigQuery datasets (keys under `data`) it writes to: `roles/bigquery.dataEditor` on each dataset only, plus
    `roles/bigquery.jobUser` and `roles/bigquery.readSessionUser` on the project (queries, load jobs and the Storage
    Read API run there; a dataset role cannot create them)."""
    via: Literal["aws", "eks_oidc", "aks_oidc"] | None = None
    """Which credential Google trusts. Default: the pod's projected service-account token from its own cluster's
    OIDC issuer (`eks_oidc` or `aks_oidc` by `runs_on.kind`; `google.subject = assertion.sub`; an EKS cluster needs
    `runs_on.oidc_issuer`). A GKE workload needs no `gcp` entry: in its own project its Kubernetes service account is
    the principal. `aws` (an AWS provider
    mapping `google.subject = assertion.arn`) only works for callers whose role session name mcai controls; EKS picks
    the session name of its pods, so it is refused for EKS workloads."""
    grant: Literal["impersonation", "direct"] = "impersonation"
    """`impersonation` (default): the federated principal may only impersonate the workload's service account
    (`roles/iam.workloadIdentityUser`), which holds the roles; audit logs name the service account. `direct`: the
    roles are granted to the federated principal itself, with no service account in between."""
    pool_id: WorkloadIdentityId | None = None
    """Workload identity pool id (4-32 of a-z, 0-9, '-'; not `gcp-...`). Default `<workload>-<environment>`. A
    deleted pool's id stays reserved for about 30 days."""
    provider_id: WorkloadIdentityId | None = None
    """Pool provider id (same rules). Default `eks-oidc` / `aks-oidc` (the cluster's issuer) or `aws-<account id>`
    (via aws)."""
    extra_issuers: Annotated[tuple[TokenIssuer, ...], LAX] = Field(default=(), max_length=9)
    """via eks_oidc: more clusters' OIDC issuers the workload also runs under (same namespace and service account),
    each trusted by a pool provider of its own (`eks-<8 hex of the issuer>`). Issuers of the workload's Azure
    `extra_credentials` with the same subject are trusted this way without being listed here."""


class WorkloadIdentity(StrictModel):
    """The clouds one workload reaches beyond its own, with exactly what it may do there; no keys anywhere."""

    azure: AzureAccess | None = None
    gcp: GcpAccess | None = None


# -- facts derived from the spec alone, shared by the rules and the topology --------------------------------------
def kubernetes_subject(namespace: str, service_account: str) -> str:
    """The `sub` claim of a Kubernetes service-account token."""
    return f"system:serviceaccount:{namespace}:{service_account}"


def aws_role_name(name: str, environment: str, workload: str) -> str:
    """The workload's IAM role name, as the AWS slice derives it (`<name>-<environment>-<workload>`)."""
    return f"{name}-{environment}-{workload}"


# AWS caps role session names at 64 characters; EKS Pod Identity and the SDKs pick the session name, not mcai.
MAX_AWS_SESSION_NAME = 64
# `google.subject` (mapped from `assertion.arn` for AWS providers) may hold at most 127 characters.
MAX_GOOGLE_SUBJECT = 127


def assumed_role_arn(account_id: str, role_name: str) -> str:
    """The STS ARN of a role's sessions without the session name (what `attribute.aws_role` holds)."""
    return f"arn:aws:sts::{account_id}:assumed-role/{role_name}"
