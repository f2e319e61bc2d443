"""Where a workload runs: a Kubernetes service account on EKS (`spec/aws.py`), GKE or AKS. Each cluster signs its
pods' service-account tokens with its own OIDC issuer; every cloud the workload reaches trusts that issuer for that
one namespace and service account, so no cloud ever holds a key of another.

The facts shared by the rules, the topology and the path model (the issuer of a runtime, how messages name it, the
`via` value that means "this cluster's tokens") live here, once.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcai.spec.accounts import accounts_of, settings_of
from mcai.spec.aws import EksRuntime
from mcai.spec.base import StrictModel
from mcai.spec.types import Cidr, KubernetesName, pattern

GkeClusterName = Annotated[str, pattern(r"[a-z]([-a-z0-9]*[a-z0-9])?", "gke_cluster",
                                         "must be a GKE cluster name: 1-40 lowercase letters, digits and hyphens, "
                                         "starting with a letter and not ending with a hyphen", max_len=40)]
GkeLocation = Annotated[str, pattern(r"[a-z]+-[a-z]+[0-9]{1,2}(-[a-z])?", "gke_location",
                                      "must be the cluster's region (us-east4) or zone (us-east4-a)")]
AksClusterName = Annotated[str, pattern(r"[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?", "aks_cluster",
                                         "must be an AKS cluster name: 1-63 letters, digits, '-' and '_', starting "
                                         "and ending with a letter or digit", max_len=63)]
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# `az aks show --query oidcIssuerProfile.issuerUrl` prints it with a trailing slash, and tokens carry it that way:
# every trust compares the issuer byte for byte (Entra ID stopped tolerating a missing slash in 2026).
AksOidcIssuer = Annotated[str, pattern(rf"https://[a-z0-9]+\.oic\.prod-aks\.azure\.com/{_UUID}/{_UUID}/", "aks_oidc_issuer",
                                        "must be the AKS cluster's OIDC issuer URL exactly as `az aks show --query "
                                        "oidcIssuerProfile.issuerUrl` prints it, trailing slash included, like "
                                        "https://eastus2.oic.prod-aks.azure.com/<tenant id>/<issuer id>/")]


class GkeRuntime(StrictModel):
    """A Kubernetes service account on a GKE cluster of the spec's gcp project, with Workload Identity Federation for
    GKE enabled: in the project the service account itself is the principal (no Google service account, no key);
    other clouds trust the cluster's OIDC issuer
    (`https://container.googleapis.com/v1/projects/<project>/locations/<location>/clusters/<cluster>`)."""

    cloud: Literal["gcp"]
    kind: Literal["gke"]
    cluster: GkeClusterName
    location: GkeLocation
    """The cluster's location: a region for a regional cluster, a zone for a zonal one (part of its issuer)."""
    namespace: KubernetesName
    service_account: KubernetesName


class AksRuntime(StrictModel):
    """A Kubernetes service account on an AKS cluster with the OIDC issuer and workload identity enabled; every
    cloud (Azure included) trusts the cluster's issuer for this one service account."""

    cloud: Literal["azure"]
    kind: Literal["aks"]
    cluster: AksClusterName
    namespace: KubernetesName
    service_account: KubernetesName
    oidc_issuer: AksOidcIssuer
    """The cluster's OIDC issuer URL, trailing slash included."""
    network_cidr: Cidr | None = None
    """The range the cluster's calls leave from: its own VNet's address space (peered with the stack's VNet), or
    its node subnet when its node pools run in a subnet of the stack's VNet. A private path into AWS needs it (the
    bedrock-runtime interface endpoint admits exactly this range); without it such a call is public, with a reason."""


Runtime = EksRuntime | GkeRuntime | AksRuntime
# `via` values that mean "the pod's projected token from its own cluster's issuer", by runtime kind.
CLUSTER_VIA = {"eks": "eks_oidc", "gke": "gke_oidc", "aks": "aks_oidc"}
KIND_NAME = {"eks": "EKS", "gke": "GKE", "aks": "AKS"}


def gke_issuer(project_id: str, location: str, cluster: str) -> str:
    return f"https://container.googleapis.com/v1/projects/{project_id}/locations/{location}/clusters/{cluster}"


def cluster_issuer(spec: Any, runtime: Runtime) -> str | None:
    """The OIDC issuer of the runtime's cluster (derived for GKE, from the project of the workload's own account;
    None for an EKS cluster that did not declare it)."""
    if isinstance(runtime, GkeRuntime):
        return gke_issuer(_project_of(spec, runtime), runtime.location, runtime.cluster)
    return runtime.oidc_issuer


def _project_of(spec: Any, runtime: GkeRuntime) -> str:
    """The project of the GKE workload running on `runtime`: its named account's when the spec's gcp cloud declares
    several (the workload is found by its runtime object), else the one project."""
    declared = spec.clouds.gcp
    if declared is None:
        return "<project>"
    if accounts_of(declared):
        owner = next((w for w in spec.workloads.values() if w.runs_on is runtime), None)
        return str(settings_of(spec, "gcp", owner).project_id)
    return str(declared.project_id)


def home(runtime: Runtime) -> str:
    """How paths and purposes name where a workload runs: `router/router on GKE cluster ai (us-east4)`."""
    where = f" ({runtime.location})" if isinstance(runtime, GkeRuntime) else ""
    return f"{runtime.namespace}/{runtime.service_account} on {KIND_NAME[runtime.kind]} cluster {runtime.cluster}{where}"
