"""The response cache outside AWS (the ElastiCache one is in `aws_access.py`): Azure Managed Redis behind a private
endpoint with Entra ID only, and Memorystore for Valkey behind Private Service Connect with IAM auth. In both the one
caller is the router, through the identity it already has in that cloud; no password, key or connection string."""

from __future__ import annotations

from typing import Any

from mcai.topology import identity, names
from mcai.topology.model import Expr, ModuleCall, Output, Resource

REDIS_DNS_ZONE = "privatelink.redis.azure.net"
PATH = ("routing", "cache")


def cache_in(spec: Any, cloud: str) -> Any:
    routing = spec.routing
    return routing.cache if routing is not None and routing.cache is not None and routing.cache.cloud == cloud \
        else None


def azure_cache(b: Any) -> None:
    """`b` is the AzureStackBuilder; the foundation already holds the privatelink.redis.azure.net zone."""
    spec = b.vspec.spec
    cache = cache_in(spec, "azure")
    if cache is None:
        return
    name = b.namer.name(names.AZURE_MANAGED_REDIS, f"{b.prefix}-cache", PATH)
    router = spec.routing.router
    ident = spec.identity.get(router)
    users = {router: Expr(f"module.{identity.label(router)}.principal_id")} if ident and ident.azure else {}
    b.modules.append(ModuleCall(
        label="response_cache", module="azure-response-cache",
        purpose="Response cache at the Azure boundary: Azure Managed Redis behind a private endpoint, Entra ID only "
                "(access keys off), TLS",
        inputs={"name": name, "resource_group_name": Expr("module.foundation.resource_group_name"),
                "location": b.cloud.location, "sku_name": cache.node_type, "high_availability": cache.replicas > 0,
                "private_endpoint": {
                    "subnet_id": Expr("module.foundation.private_endpoint_subnet_id"),
                    "private_dns_zone_id": Expr(f'module.foundation.private_dns_zone_ids["{REDIS_DNS_ZONE}"]')},
                "users": users, "tags": Expr("local.default_tags")},
        resources=(Resource("azurerm_managed_redis", "this"), Resource("azurerm_private_endpoint", "this"),
                   *(Resource("azurerm_managed_redis_access_policy_assignment", f'this["{u}"]') for u in users)),
        spec_path=PATH))
    b.outputs.append(Output("response_cache_hostname", Expr("module.response_cache.hostname"),
                            "Hostname of the response cache (private endpoint; Entra ID tokens, TLS)."))


def gcp_cache(b: Any, members: dict[str, Expr]) -> None:
    """`b` is the GcpStackBuilder; `members` maps workload -> its IAM member in the project."""
    spec = b.vspec.spec
    cache = cache_in(spec, "gcp")
    if cache is None:
        return
    instance = b.namer.name(names.GCP_MEMORYSTORE_ID, f"{b.prefix}-cache", PATH)
    policy = b.namer.name(names.GCP_CONNECTION_POLICY, f"{b.prefix}-memorystore", PATH)
    subnet = b.input_variable("cache_subnetwork_id", "string",
                              "Subnetwork (projects/<project>/regions/<region>/subnetworks/<name>) in the stack's "
                              "region where Memorystore's Private Service Connect endpoints take their addresses.")
    router = spec.routing.router
    users = {router: members[router]} if router in members else {}
    b.modules.append(ModuleCall(
        label="response_cache", module="gcp-response-cache",
        purpose="Response cache at the Google Cloud boundary: Memorystore for Valkey with IAM auth and TLS, reached "
                "through Private Service Connect endpoints in the VPC",
        inputs={"project_id": Expr("module.project_services.project_id"), "region": b.cloud.region,
                "instance_id": instance, "node_type": cache.node_type, "replicas": cache.replicas,
                "network_id": b.network_id(),
                "service_connection_policy": {"name": policy, "subnetwork_id": subnet}, "users": users},
        resources=(Resource("google_network_connectivity_service_connection_policy", "this[0]"),
                   Resource("google_memorystore_instance", "this"),
                   *(Resource("google_project_iam_member", f'users["{u}"]') for u in users)),
        spec_path=PATH))
    b.outputs.append(Output("response_cache_endpoint", Expr("module.response_cache.discovery_endpoint"),
                            "Address of the response cache (Private Service Connect; IAM auth, TLS)."))
