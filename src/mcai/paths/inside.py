"""Network paths that start outside AWS: a GKE or AKS workload reaching its own cloud's services, and any workload
reaching AWS from Azure or Google Cloud. `network.py` dispatches here; the public-endpoint rule (allowed only with a
reason, per use) lives here once and `network.py` uses it too."""

from __future__ import annotations

from mcai.paths.model import Broken, NetworkPath, Use
from mcai.spec.models import Spec
from mcai.topology.azure import AKS_NETWORK_STEP
from mcai.topology.model import Topology

GOOGLE_API = {"BigQuery dataset": "bigquery.googleapis.com", "Cloud Storage bucket": "storage.googleapis.com"}
__all__ = ["AKS_NETWORK_STEP", "GOOGLE_API", "inside_azure", "inside_gcp", "into_aws", "public"]


def public(spec: Spec, use: Use, dns: str, why_not_private: str, remedy: str = "add a private link") -> NetworkPath:
    reason = spec.workloads[use.workload].public_access.get(use.target)
    if reason is None:
        raise Broken(f"{use.what} would be reached from {spec.workloads[use.workload].runs_on.cloud}"
                     f" over the public internet ({why_not_private}): {remedy}, or allow it with "
                     f"'workloads.{use.workload}.public_access.{use.target}: <reason>'")
    return NetworkPath("public", f"public endpoint over the internet (allowed: {reason})", dns)


def inside_azure(spec: Spec, topology: Topology, use: Use, works_after: str) -> NetworkPath:
    """An AKS workload and the stack's Azure OpenAI account (or cache): the private endpoint in the stack's VNet,
    answered by the linked privatelink zone, once the cluster's VNet is peered and linked (a numbered step)."""
    runtime = spec.workloads[use.workload].runs_on
    account = topology.call("azure", "openai")
    if use.kind == "model":
        name = account.inputs["name"] if account else "<account>"
        target, dns = "the account's private endpoint", f"{name}.openai.azure.com -> private endpoint"
    else:
        target = "the cache's private endpoint"
        dns = "response cache hostname (azure output response_cache_hostname) -> private endpoint"
    return NetworkPath(
        "same-cloud", f"{target} in the stack's VNet, reached from AKS cluster {runtime.cluster}'s VNet through "
        "VNet peering; the private DNS zone linked to that VNet answers the name with the endpoint's address", dns,
        works_after)


def inside_gcp(spec: Spec, use: Use) -> NetworkPath:
    """A GKE workload and Google APIs in its own project: the VPC's Private Google Access, or the Private Service
    Connect endpoint for Google APIs when the spec declares one (its googleapis.com zone is in the same VPC)."""
    gcp = spec.clouds.gcp
    assert gcp is not None
    model = spec.models.get(use.target) if use.kind == "model" else None
    endpoint = getattr(model, "endpoint", None)
    if endpoint is not None and endpoint.private_service_connect:
        return NetworkPath("same-cloud", f"the Private Service Connect consumer endpoint of Vertex AI endpoint "
                           f"{endpoint.name} in the VPC (gcp output vertex_psc_addresses)",
                           "none: requests go to the consumer endpoint's address")
    if use.kind == "cache":
        return NetworkPath("same-cloud", "the cache's Private Service Connect endpoints in the VPC",
                           "discovery endpoint (gcp output response_cache_endpoint)")
    if model is not None:
        region = getattr(model, "region", None) or gcp.region
        host = "aiplatform.googleapis.com" if region == "global" else f"{region}-aiplatform.googleapis.com"
    else:
        host = GOOGLE_API[use.service]
    psc = gcp.private_google_apis
    if psc is not None:
        return NetworkPath("same-cloud", f"the Private Service Connect endpoint for Google APIs ({psc.address}) in "
                           "the cluster's VPC; the googleapis.com private zone answers with it", f"{host} -> "
                           f"{psc.address}")
    return NetworkPath("same-cloud", "Google APIs from the cluster's VPC over Private Google Access (GKE nodes "
                       "without external addresses need it on their subnet); traffic stays on Google's network", host)


def into_aws(spec: Spec, topology: Topology, use: Use, home: str, off_home: str | None = None) -> NetworkPath:
    """From Azure or Google Cloud into AWS when no private path exists (`network.py` takes the private one for
    Bedrock models: `links_into_aws`): an AWS service is reached on its public endpoint (allowed per use, with a
    reason) or not at all."""
    aws = spec.clouds.aws
    assert aws is not None
    why = f"mcai renders DNS from {home} only to AWS's bedrock-runtime endpoint, so no private path into AWS from {home}"
    if use.kind == "model":
        from mcai.topology.links_into_aws import unknown_range

        unknown = unknown_range(spec, home)
        why = off_home or unknown or (
            f"no private path into AWS from {home}: that needs a link between {home} and aws and the VPC's "
            "bedrock-runtime interface endpoint ('clouds.aws.bedrock.private: true')")
        remedy = ("place both ends in home accounts" if off_home else
                  f"declare 'workloads.{use.workload}.runs_on.network_cidr'" if unknown else "add them")
        return public(spec, use, f"bedrock-runtime.{aws.region}.amazonaws.com", why, remedy)
    store = spec.data[use.target]
    if store.kind == "bedrock_knowledge_base":
        return public(spec, use, f"bedrock-agent-runtime.{aws.region}.amazonaws.com", why, "run the workload on EKS")
    if store.kind == "opensearch_serverless":
        raise Broken(f"{use.what} admits only its VPC endpoint, unreachable from {home} ({why}); run the workload "
                     "on EKS or keep its vector store in its own cloud")
    call = topology.call("aws", f"data_{use.target.replace('-', '_')}")
    bucket = call.inputs["bucket_name"] if call else use.target
    return public(spec, use, f"{bucket}.s3.{aws.region}.amazonaws.com", why, "run the workload on EKS")
