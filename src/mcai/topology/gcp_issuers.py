"""The clusters Google Cloud trusts for one federated workload: its own cluster's OIDC issuer, plus every other
issuer it runs under with the same service account (listed in `identity.<w>.gcp.extra_issuers`, or already trusted
by Azure as an extra credential with the same subject). Each extra issuer gets a pool provider of its own, named from
the issuer itself so adding or removing one cluster never renames another's provider."""

from __future__ import annotations

import hashlib

from mcai.spec.identity import GcpAccess, kubernetes_subject
from mcai.spec.models import Spec


def extra_issuer_provider_id(issuer: str) -> str:
    """`eks-<first 8 hex of sha256(issuer)>`: stable per issuer, 12 characters, never the reserved `gcp-`."""
    return "eks-" + hashlib.sha256(issuer.encode()).hexdigest()[:8]


def extra_issuers(spec: Spec, workload: str, gcp: GcpAccess) -> dict[str, str]:
    """Provider id -> issuer for every cluster beyond the workload's own that Google must trust (eks_oidc only)."""
    declared = spec.workloads.get(workload)
    if gcp.via != "eks_oidc" or declared is None:
        return {}
    runtime = declared.runs_on
    home_subject = kubernetes_subject(runtime.namespace, runtime.service_account)
    azure = spec.identity[workload].azure
    from_azure = [c.issuer for c in azure.extra_credentials if c.subject == home_subject] if azure else []
    issuers = sorted({i for i in (*gcp.extra_issuers, *from_azure) if i != runtime.oidc_issuer})
    return {extra_issuer_provider_id(i): i for i in issuers}
