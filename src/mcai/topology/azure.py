"""Derive the `azure/` stack: the foundation (resource group, VNet, private DNS zones, Log Analytics) and the one
Azure OpenAI account with its deployments, content filters, private endpoint and diagnostics."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from typing import Any

from mcai.spec import ValidSpec
from mcai.spec.azure import PROVISIONED_TYPES, AzureCloud, AzureOpenAIModel, ContentFilter
from mcai.topology import audit_azure, azure_retrieval, identity
from mcai.topology.builder import StackBuilder
from mcai.topology.caches import REDIS_DNS_ZONE, azure_cache, cache_in
from mcai.topology.common import provider
from mcai.topology.model import Expr, ModuleCall, Moved, Output, Resource, Stack
from mcai.topology.names import Namer, NameRule

AZURERM_PROVIDER = provider("azurerm")

AZURE_RESOURCE_GROUP = NameRule("resource group name", 1, 90, r"[\w().-]*[\w()-]",
                                "letters, digits and _ ( ) . -, not ending with '.'")
AZURE_OPENAI_ACCOUNT = NameRule("Azure OpenAI account name (custom subdomain)", 2, 64, r"[a-z0-9][a-z0-9-]*[a-z0-9]",
                                "lowercase letters, digits and hyphens, starting and ending with a letter or digit")
AZURE_NETWORK_NAME = NameRule("Azure network resource name", 2, 64, r"[a-zA-Z0-9][a-zA-Z0-9_.-]*[a-zA-Z0-9_]",
                              "letters, digits and _ . -, starting with a letter or digit")
AZURE_LOG_WORKSPACE = NameRule("Log Analytics workspace name", 4, 63, r"[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]",
                               "letters, digits and hyphens, starting and ending with a letter or digit")
AZURE_DEPLOYMENT = NameRule("Azure OpenAI deployment name", 2, 64, r"[a-zA-Z0-9][a-zA-Z0-9._-]*",
                            "letters, digits and . _ -")

# The spec's deployment types and the provider's exact `sku.name` values.
SKU_NAME = {"standard": "Standard", "global_standard": "GlobalStandard", "data_zone_standard": "DataZoneStandard",
            "regional_provisioned": "ProvisionedManaged", "global_provisioned": "GlobalProvisionedManaged",
            "data_zone_provisioned": "DataZoneProvisionedManaged"}
PROVISIONED_SKUS = frozenset(SKU_NAME[t] for t in PROVISIONED_TYPES)
VERSION_UPGRADE = {"on_new_default": "OnceNewDefaultVersionAvailable", "on_expiry": "OnceCurrentVersionExpired",
                   "never": "NoAutoUpgrade"}
# Private DNS zones for the account's `account` sub-resource: the OpenAI endpoint and the generic Cognitive
# Services one (the private endpoint registers records in both).
OPENAI_DNS_ZONES = ("privatelink.cognitiveservices.azure.com", "privatelink.openai.azure.com")
# Registered by the provider before anything else: azurerm 5.x registers none by default. Provider-level registration
# is idempotent, unlike `azurerm_resource_provider_registration`, which fails on an already registered provider.
RESOURCE_PROVIDERS = ("Microsoft.CognitiveServices", "Microsoft.Insights", "Microsoft.ManagedIdentity",
                      "Microsoft.Network", "Microsoft.OperationalInsights")
HARM_CATEGORIES = {"hate": "Hate", "sexual": "Sexual", "violence": "Violence", "self_harm": "Selfharm"}


@dataclass
class AzureStackBuilder(StackBuilder):

    @property
    def cloud(self) -> AzureCloud:
        assert self.vspec.spec.clouds.azure is not None
        return self.vspec.spec.clouds.azure

    def models(self) -> dict[str, AzureOpenAIModel]:
        return {k: m for k, m in sorted(self.vspec.spec.models.items()) if isinstance(m, AzureOpenAIModel)}

    # -- foundation -------------------------------------------------------------------------------------------------
    def foundation(self) -> None:
        path = ("clouds", "azure")
        rg = self.namer.name(AZURE_RESOURCE_GROUP, self.cloud.resource_group or f"rg-{self.prefix}",
                             path + ("resource_group",) if self.cloud.resource_group else path)
        vnet = ipaddress.IPv4Network(self.cloud.network.cidr)
        pe_subnet = next(vnet.subnets(new_prefix=26)) if vnet.prefixlen <= 26 else vnet
        zones = list(OPENAI_DNS_ZONES) if self.models() else []
        zones += [REDIS_DNS_ZONE] if cache_in(self.vspec.spec, "azure") else []
        zones += azure_retrieval.dns_zones(self.vspec.spec)
        resources = [Resource("azurerm_resource_group", "this"), Resource("azurerm_log_analytics_workspace", "this"),
                     Resource("azurerm_virtual_network", "this"), Resource("azurerm_subnet", "private_endpoints")]
        for zone in zones:
            resources += [Resource("azurerm_private_dns_zone", f'this["{zone}"]'),
                          Resource("azurerm_private_dns_zone_virtual_network_link", f'this["{zone}"]')]
        self.modules.append(ModuleCall(
            label="foundation", module="azure-foundation",
            purpose="Resource group, VNet with a private-endpoint subnet, private DNS zones linked to it, and the Log "
                    "Analytics workspace for diagnostics",
            inputs={
                "resource_group_name": rg, "location": self.cloud.location,
                "virtual_network": {
                    "name": self.namer.name(AZURE_NETWORK_NAME, f"vnet-{self.prefix}", path + ("network",)),
                    "address_space": [self.cloud.network.cidr],
                    "private_endpoint_subnet": str(pe_subnet)},
                "private_dns_zones": zones,
                "log_analytics": {
                    "name": self.namer.name(AZURE_LOG_WORKSPACE, f"log-{self.prefix}", path),
                    "retention_days": self.cloud.openai.log_retention_days},
                "tags": Expr("local.default_tags")},
            resources=tuple(resources), spec_path=path))
        self.outputs.append(Output("resource_group_name", Expr("module.foundation.resource_group_name"),
                                   "Resource group holding every resource of the stack."))
        self.outputs.append(Output("virtual_network_id", Expr("module.foundation.virtual_network_id"),
                                   "VNet that private endpoints live in (peer or link it to reach them)."))

    # -- Azure OpenAI -----------------------------------------------------------------------------------------------
    def openai(self) -> None:
        models = self.models()
        if not models:
            return
        settings = self.cloud.openai
        path = ("clouds", "azure", "openai", "subdomain") if settings.subdomain else ("clouds", "azure")
        account = self.namer.name(AZURE_OPENAI_ACCOUNT, settings.subdomain or f"{self.prefix}-openai", path)
        filters = {self._filter_name(k): self._content_filter(m.content_filter)
                   for k, m in models.items() if m.content_filter}
        deployments = {k: self._deployment(k, m) for k, m in models.items()}
        # Traffic above the PTUs must meet the same filter (indirect-attack block included) as the rest: a spillover
        # target without a content filter of its own inherits its primary's instead of Microsoft's default.
        for k, m in sorted(models.items()):
            target = deployments.get(m.spillover or "")
            if target is not None and target["content_filter"] is None:
                target["content_filter"] = deployments[k]["content_filter"]
        resources = [Resource("azurerm_cognitive_account", "this")]
        resources += [Resource("azurerm_cognitive_account_rai_policy", f'this["{k}"]') for k in filters]
        # Addresses follow the deployment type, which already forces replacement, never the spillover switch:
        # provisioned deployments (which may spill) in `provisioned`, pay-as-you-go ones (spillover targets) in `this`.
        resources += [Resource("azurerm_cognitive_deployment", f'{_address(d)}["{k}"]') for k, d in deployments.items()]
        for k, d in deployments.items():
            if _address(d) == "provisioned":  # (from `with_spillover`, the module's own moved block applies)
                self.moved.append(Moved(
                    "openai", "azurerm_cognitive_deployment", "this", "provisioned", k,
                    f"Earlier mcai versions kept '{k}' at this[...] unless it spilled over: keep its PTUs."))
        resources += [Resource("azurerm_private_endpoint", "this[0]"),
                      Resource("azurerm_monitor_diagnostic_setting", "this[0]"), *audit_azure.export_setting(self.vspec.spec)]
        self.modules.append(ModuleCall(
            label="openai", module="azure-openai",
            purpose="Azure OpenAI account (Entra ID auth only, private endpoint) with its model deployments, content "
                    "filters and diagnostics",
            inputs={
                "name": account, "resource_group_name": Expr("module.foundation.resource_group_name"),
                "location": self.cloud.location,
                "public_network_access_enabled": settings.public_network_access,
                "allowed_ip_ranges": sorted(settings.allowed_ip_ranges),
                "deployments": deployments, "content_filters": filters,
                "private_endpoint": {
                    "subnet_id": Expr("module.foundation.private_endpoint_subnet_id"),
                    "private_dns_zone_ids": Expr("values(module.foundation.private_dns_zone_ids)")},
                "diagnostics": audit_azure.diagnostics(self.vspec.spec, "azure-openai"),
                "tags": Expr("local.default_tags")},
            resources=tuple(resources), spec_path=("models",)))
        self.outputs += [
            Output("openai_endpoint", Expr("module.openai.endpoint"),
                   "Azure OpenAI endpoint (https://<subdomain>.openai.azure.com/); resolves privately in the VNet."),
            Output("openai_account_id", Expr("module.openai.account_id"),
                   "Resource id of the Azure OpenAI account (scope for role assignments)."),
            Output("openai_deployment_names", Expr("module.openai.deployment_names"),
                   "Deployment name per model key (the name callers put in the request path).")]
        self._manual_steps(models)

    def _deployment(self, key: str, model: AzureOpenAIModel) -> dict[str, Any]:
        d = model.deployment
        # sku.name forces a new deployment in azurerm: a changed type destroys and recreates it.
        self.replaced_on_change[f"models.{key}.deployment.type"] = SKU_NAME[d.type]
        return {
            "name": self.namer.name(AZURE_DEPLOYMENT, key, ("models", key)),
            "model": model.model, "version": model.version, "sku": SKU_NAME[d.type],
            "capacity": d.ptu if d.type in PROVISIONED_TYPES else d.tpm_thousands,
            "spillover": model.spillover,
            "content_filter": self._filter_name(key) if model.content_filter else None,
            "version_upgrade_option": VERSION_UPGRADE[model.version_upgrade],
        }

    @staticmethod
    def _filter_name(key: str) -> str:
        return f"{key}-filter"

    @staticmethod
    def _content_filter(cf: ContentFilter | None) -> dict[str, Any]:
        assert cf is not None
        rows: list[dict[str, Any]] = []
        for source in ("Prompt", "Completion"):
            for attr, name in HARM_CATEGORIES.items():
                rows.append({"name": name, "source": source, "severity_threshold": getattr(cf, attr).capitalize(),
                             "block": True})
        rows += [{"name": n, "source": "Prompt", "severity_threshold": None, "block": cf.prompt_shield}
                 for n in ("Jailbreak", "Indirect Attack")]
        rows += [{"name": n, "source": "Completion", "severity_threshold": None, "block": cf.protected_material}
                 for n in ("Protected Material Text", "Protected Material Code")]
        return {"mode": "Asynchronous_filter" if cf.asynchronous else "Default", "filters": rows}

    def _manual_steps(self, models: dict[str, AzureOpenAIModel]) -> None:
        quota = [f"{m.deployment.ptu} PTU of {SKU_NAME[m.deployment.type]} for {m.model}" if m.deployment.ptu else
                 f"{m.deployment.tpm_thousands}K TPM of {SKU_NAME[m.deployment.type]} for {m.model}"
                 for m in models.values()]
        self.manual_steps.append(
            f"Azure OpenAI quota: subscription {self.cloud.subscription_id} needs, in {self.cloud.location}: "
            + "; ".join(quota) + ". Quota is not declarative: request it in the Azure AI Foundry portal before "
            "applying the azure stack (an apply over quota fails).")
        if any(m.deployment.type in PROVISIONED_TYPES for m in models.values()):
            self.manual_steps.append(
                "Azure OpenAI PTU reservations (monthly or yearly term discounts) cannot be bought through Terraform: "
                "buy them in the Azure portal per deployment type and region, or the PTUs bill at the hourly rate.")


def _address(deployment: dict[str, Any]) -> str:
    return "provisioned" if deployment["sku"] in PROVISIONED_SKUS else "this"


# How the path model finds the numbered step that joins an AKS cluster's network to the stack's private endpoints.
AKS_NETWORK_STEP = "reach the stack's private endpoints"


def aks_networks(b: AzureStackBuilder) -> None:
    """AKS clusters live in their own VNets; the private endpoints and their DNS zones live in the stack's. One
    numbered step per cluster joins them (mcai does not own the cluster's VNet)."""
    clusters: dict[str, list[str]] = {}
    for key, w in sorted(b.vspec.spec.workloads.items()):
        if w.runs_on.kind == "aks":
            clusters.setdefault(w.runs_on.cluster, []).append(key)
    foundation = next(m for m in b.modules if m.label == "foundation")
    zones = ", ".join(foundation.inputs["private_dns_zones"]) or "the stack's private DNS zones"
    for cluster, keys in sorted(clusters.items()):
        b.manual_steps.append(
            f"AKS cluster {cluster}: {AKS_NETWORK_STEP} (workloads {', '.join(keys)}): peer the cluster's VNet with "
            "the stack's VNet (output `virtual_network_id`) in both directions and link the private DNS zones "
            f"({zones}) to the cluster's VNet, or run its node pools in a subnet of the stack's VNet. Until then the "
            "names resolve to public addresses that refuse the calls.")


def build_stack(vspec: ValidSpec, namer: Namer, state_region: str | None) -> Stack:
    """The `azure/` stack; the caller checks `namer.problems`."""
    b = AzureStackBuilder(vspec, namer)
    b.foundation()
    b.openai()
    identity.azure_side(b)
    azure_retrieval.build(b)
    azure_cache(b)
    aks_networks(b)
    # Azure Managed Redis lives in Microsoft.Cache, registered only where a cache is rendered.
    providers = sorted(RESOURCE_PROVIDERS + (("Microsoft.Cache",) if cache_in(vspec.spec, "azure") else ())
                       + azure_retrieval.resource_providers(vspec.spec))
    settings: dict[str, Any] = {"subscription_id": b.cloud.subscription_id, "tenant_id": b.cloud.tenant_id,
                                "resource_providers": providers}
    exports = bool(audit_azure.categories(b.modules))  # the audit export: a keyless account and an Entra ID app
    if exports:
        settings["resource_providers"] = sorted(set(providers) | {"Microsoft.Storage"})
    if azure_retrieval.blob_stores(vspec.spec) or exports:
        # documents accounts have shared keys off: the provider must use Entra ID for any storage data-plane call
        settings["storage_use_azuread"] = True
    # Modules stay in the order they were added: foundation, the account, then the identities that use it.
    stack = b.freeze("azure", b.cloud.subscription_id, AZURERM_PROVIDER, settings, state_region)
    return replace(stack, providers=(AZURERM_PROVIDER, provider("azuread"))) if exports else stack
