"""Credential configuration the cloud SDKs read, all of it non-secret: GCP's `external_account` file (the pod's
projected token exchanged at Google STS, then the service account impersonated) and Azure's environment variables
(client id, tenant, the projected token file). No key, password or client secret can appear: there is no input for
one."""

from __future__ import annotations

from typing import Any

from mcai.handoff import kinds
from mcai.handoff.identities import JWT_TOKEN_TYPE, STS_TOKEN_URL, WorkloadIdentities
from mcai.handoff.model import AfterApply

IMPERSONATION_URL = "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/{}:generateAccessToken"


def gcp_credential_config(ident: WorkloadIdentities, projections: tuple[kinds.Projection, ...]) -> dict[str, Any] | None:
    """The `external_account` credential configuration (`GOOGLE_APPLICATION_CREDENTIALS`), or None without GCP."""
    token = next((p for p in projections if p.cloud == "gcp"), None)
    if ident.gcp is None or token is None:
        return None
    config: dict[str, Any] = {
        "type": "external_account", "audience": ident.gcp.audience, "subject_token_type": JWT_TOKEN_TYPE,
        "token_url": STS_TOKEN_URL, "credential_source": {"file": token.path, "format": {"type": "text"}}}
    if ident.gcp.service_account:
        config["service_account_impersonation_url"] = IMPERSONATION_URL.format(ident.gcp.service_account)
    return config


def azure_environment(ident: WorkloadIdentities, projections: tuple[kinds.Projection, ...]) -> dict[str, str | AfterApply]:
    """What azure-identity's WorkloadIdentityCredential (and LiteLLM's Entra ID token refresh) reads; nothing on AKS,
    where the workload identity webhook sets these variables itself (`kinds.azure_by_webhook`)."""
    if ident.azure is None or kinds.azure_by_webhook(ident):
        return {}
    env: dict[str, str | AfterApply] = {"AZURE_CLIENT_ID": ident.azure.client_id,
                                        "AZURE_TENANT_ID": ident.azure.tenant_id,
                                        "AZURE_AUTHORITY_HOST": kinds.AZURE_AUTHORITY}
    token = next((p for p in projections if p.cloud == "azure"), None)
    if token is not None:
        env["AZURE_FEDERATED_TOKEN_FILE"] = token.path
    return env
