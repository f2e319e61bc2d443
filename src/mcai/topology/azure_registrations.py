"""Azure resource providers the azure stacks register: azurerm 5.x registers none by default, and a resource in an
unregistered namespace fails its first apply with MissingSubscriptionRegistration. The namespaces are derived from
the resource types each stack's module calls create, after every addition (links, audit landings) is merged, so a
resource added late (Sentinel's onboarding, say) cannot be left without its namespace."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from mcai.topology.model import Stack

# azurerm type prefix -> namespace, longest prefix first. Namespaces Azure registers in every subscription
# (Microsoft.Resources, Microsoft.Authorization, Microsoft.Consumption) are not registered again.
NAMESPACES = (
    ("azurerm_consumption_", None), ("azurerm_resource_group", None), ("azurerm_role_", None),
    ("azurerm_cognitive_", "Microsoft.CognitiveServices"),
    ("azurerm_federated_identity_credential", "Microsoft.ManagedIdentity"),
    ("azurerm_user_assigned_identity", "Microsoft.ManagedIdentity"),
    ("azurerm_log_analytics_", "Microsoft.OperationalInsights"),
    ("azurerm_logic_app_", "Microsoft.Logic"),
    ("azurerm_managed_redis", "Microsoft.Cache"),
    ("azurerm_monitor_", "Microsoft.Insights"),
    ("azurerm_search_", "Microsoft.Search"),
    ("azurerm_sentinel_", "Microsoft.SecurityInsights"),
    ("azurerm_storage_", "Microsoft.Storage"),
    *((prefix, "Microsoft.Network") for prefix in (
        "azurerm_express_route_", "azurerm_local_network_gateway", "azurerm_private_dns_", "azurerm_private_endpoint",
        "azurerm_public_ip", "azurerm_subnet", "azurerm_virtual_network")),
)


def namespace_of(resource_type: str) -> str | None:
    """The namespace an azurerm resource type lives in (None: registered in every subscription); KeyError when the
    type is not known here, so a new resource type must be given its namespace before it can be rendered."""
    for prefix, namespace in sorted(NAMESPACES, key=lambda p: -len(p[0])):
        if resource_type.startswith(prefix):
            return namespace
    raise KeyError(f"{resource_type}: add its resource provider namespace to topology/azure_registrations.py")


def needed(resource_types: Iterable[str]) -> set[str]:
    return {ns for t in resource_types if t.startswith("azurerm_") and (ns := namespace_of(t)) is not None}


def register_what_is_used(stacks: list[Stack]) -> list[Stack]:
    out = []
    for stack in stacks:
        if "resource_providers" not in stack.provider_settings:
            out.append(stack)
            continue
        types = needed(r.type for m in stack.modules for r in m.resources)
        registered = sorted(set(stack.provider_settings["resource_providers"]) | types)
        out.append(replace(stack, provider_settings={**stack.provider_settings, "resource_providers": registered}))
    return out
