"""Per workload, the identities its proven use paths need, as the values SDKs and Kubernetes read: the IAM role (and
how the pod gets it), the Entra ID managed identity (client id after apply, tenant, token audience) and the GCP pool
provider (audience) with the service account it impersonates. Read from the paths and the derived topology, never
from the raw spec, so the files say exactly what the Terraform grants."""

from __future__ import annotations

from dataclasses import dataclass

from mcai.handoff.model import AfterApply, stack_of
from mcai.paths import UsePath
from mcai.spec.models import Spec
from mcai.topology.accounts import focus
from mcai.topology.model import Topology

STS_TOKEN_URL = "https://sts.googleapis.com/v1/token"
JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt"

SUPPORTED = frozenset({"eks", "gke", "aks"})
"""Kinds with hand-off rules; a workload on another kind gets no Kubernetes or credential files, never a guess."""


@dataclass(frozen=True)
class AwsIdentity:
    role_arn: str
    mechanism: str
    """`pod_identity` (the association is Terraform's; nothing on the service account), `irsa`, or `web_identity`
    (a GKE or AKS pod's projected token exchanged by AssumeRoleWithWebIdentity; the SDK reads AWS_ROLE_ARN and
    AWS_WEB_IDENTITY_TOKEN_FILE)."""
    region: str
    audience: str = ""
    """The audience of the projected token (`web_identity` only)."""
    stack: str = "aws"
    """The stack that creates the role (`aws-<account>` for a cloud with several accounts)."""


@dataclass(frozen=True)
class AzureIdentity:
    client_id: AfterApply
    tenant_id: str
    audience: str
    via: str
    """`eks_oidc`/`gke_oidc`: the pod's projected token; `aks_oidc`: the token the AKS workload identity webhook
    mounts; `aws_outbound`: a token from sts:GetWebIdentityToken."""


@dataclass(frozen=True)
class GcpIdentity:
    audience: str
    """The pool provider's canonical name: the audience of the pod's token and of the credential configuration."""
    service_account: str | None
    """The service account impersonated (`grant: impersonation`), or None when roles are granted directly."""
    project_id: str
    native: bool = False
    """A GKE workload in its own project: the project grants name its Kubernetes service account's principal
    (Workload Identity Federation for GKE) and the GKE metadata server hands out tokens; no file, no exchange."""


@dataclass(frozen=True)
class WorkloadIdentities:
    workload: str
    kind: str
    cluster: str
    namespace: str
    service_account: str
    clouds: tuple[str, ...]
    """Clouds the workload's proven uses reach, in a fixed order (aws, azure, gcp)."""
    aws: AwsIdentity | None
    azure: AzureIdentity | None
    gcp: GcpIdentity | None


def _slug(key: str) -> str:
    return key.replace("-", "_")


def workload_identities(spec: Spec, topology: Topology, paths: tuple[UsePath, ...]) -> tuple[WorkloadIdentities, ...]:
    """One entry per workload that has at least one proven use and runs on a kind with hand-off rules
    (`SUPPORTED`), sorted by workload key."""
    reached: dict[str, set[str]] = {}
    for path in paths:
        if not path.use.by_workload:  # a retrieval store's or a log transfer's own identity
            continue
        reached.setdefault(path.use.workload, set()).add(path.use.target_cloud)
    return tuple(_one(spec, topology, w, clouds) for w, clouds in sorted(reached.items())
                 if spec.workloads[w].runs_on.kind in SUPPORTED)


def _one(spec: Spec, topology: Topology, workload: str, clouds: set[str]) -> WorkloadIdentities:
    runtime = spec.workloads[workload].runs_on
    # its own account's settings, and in each other cloud the account its uses land in
    spec, topology = focus(spec, topology, runtime.cloud, spec.workloads[workload], workload)
    ordered = tuple(c for c in ("aws", "azure", "gcp") if c in clouds)
    # edges whose target trusts a token issuer (the cluster's, or AWS outbound): AKS -> Azure is one of them
    edges = {e.to_cloud: e for e in topology.trust_edges if e.workload == workload and e.issuer
             and e.mechanism != "azure_fic_extra_credential"}
    return WorkloadIdentities(
        workload, runtime.kind, runtime.cluster, runtime.namespace, runtime.service_account, ordered,
        _aws(spec, topology, workload, edges["aws"].audience if "aws" in edges else "") if "aws" in clouds else None,
        _azure(spec, topology, workload, edges["azure"].audience) if "azure" in clouds else None,
        _gcp(spec, topology, workload, edges["gcp"].audience if "gcp" in edges else None) if "gcp" in clouds
        else None)


_AWS_MECHANISM = {"pod_identity": "pod_identity", "irsa": "irsa", "oidc": "web_identity"}
"""The aws-workload-role trust type -> how the pod gets the role."""


def _aws(spec: Spec, topology: Topology, workload: str, audience: str) -> AwsIdentity:
    aws = spec.clouds.aws
    role = topology.call("aws", f"workload_{_slug(workload)}")
    assert aws is not None and role is not None, "a proven AWS use has a role (paths/identity.py)"
    arn = f"arn:aws:iam::{aws.account_id}:role/{role.inputs['role_name']}"
    mechanism = _AWS_MECHANISM[role.inputs["trust"]["type"]]
    assert mechanism != "web_identity" or audience, "a web identity role has its trust edge (topology)"
    return AwsIdentity(arn, mechanism, aws.region, audience if mechanism == "web_identity" else "",
                       stack_of(topology, "aws"))


def _azure(spec: Spec, topology: Topology, workload: str, audience: str) -> AzureIdentity:
    azure = spec.clouds.azure
    access = spec.identity[workload].azure
    assert azure is not None and access is not None, "a proven Azure use has an identity (paths/identity.py)"
    return AzureIdentity(AfterApply(stack_of(topology, "azure"), f"identity_{_slug(workload)}_client_id"),
                         azure.tenant_id, audience, access.via)


def _gcp(spec: Spec, topology: Topology, workload: str, audience: str | None) -> GcpIdentity:
    gcp = spec.clouds.gcp
    assert gcp is not None
    if audience is None:  # no token exchange: a GKE workload in its own project (gcp-gke-workload grants it)
        # its own project's grant, or another project's for the models placed there (topology/cross_account.py)
        assert topology.call("gcp", f"workload_{_slug(workload)}") is not None or any(
            f"caller_{_slug(workload)}" in s.calls_by_label for s in topology.stacks if s.cloud == "gcp"), \
            "a proven GCP use has a grant"
        return GcpIdentity("", None, gcp.project_id, native=True)
    ident = spec.identity.get(workload)
    access = ident.gcp if ident is not None else None
    assert access is not None, "a proven GCP use has a pool provider (paths/identity.py)"
    email = None
    if access.grant == "impersonation":
        sa = topology.call("gcp", f"workload_{_slug(workload)}")
        assert sa is not None
        email = f"{sa.inputs['account_id']}@{gcp.project_id}.iam.gserviceaccount.com"
    return GcpIdentity(audience, email, gcp.project_id)
