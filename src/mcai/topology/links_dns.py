"""DNS between Azure and GCP over their HA VPN, both ways (the AWS side of DNS is `links._dns`).

GCP -> Azure: Cloud DNS private forwarding zones send the Azure OpenAI names (the same zones the AWS side forwards)
to the Azure DNS Private Resolver's inbound endpoint, whose address the plan fixes. Cloud DNS sends those queries
from 35.199.192.0/19, so the Cloud Router advertises that range to Azure, or the answers never come back.

Azure -> GCP: when the GCP VPC answers `googleapis.com` with a Private Service Connect endpoint, the resolver's
outbound endpoint forwards it (a ruleset linked to the VNet) to the VPC's inbound entry points. Google picks those
addresses when the inbound server policy is created, so they are a hand-over from the gcp stack's output.

Both take over names every caller in the network uses: each is switched on in a hand-over step once the link
carries traffic (`links.dns_switch`).
"""

from __future__ import annotations

from typing import Any

from mcai.topology.handovers import step_text
from mcai.topology.links_context import (
    AZURE_DNS_SWITCH,
    AZURE_PRIVATE_ZONES,
    CLOUD_DNS_FORWARDING_SOURCE,
    LinkContext,
    azure_resolver_address,
    dns_switch,
)
from mcai.topology.model import Expr, ModuleCall, Output, Resource

ZONE_LABELS = {"openai.azure.com": "openai", "privatelink.openai.azure.com": "pl-openai",
               "privatelink.cognitiveservices.azure.com": "pl-cognitive"}
GOOGLE_APIS_SWITCH = "google_apis_dns_forwarding_enabled"
INBOUND_OUTPUT = "dns_inbound_addresses"
INBOUND_INPUT = "gcp_dns_inbound_addresses"


def google_names(ctx: LinkContext) -> list[str]:
    """The GCP private names Azure forwards: googleapis.com once the VPC answers it with a PSC endpoint."""
    gcp = ctx.vspec.spec.clouds.gcp
    return ["googleapis.com"] if gcp is not None and gcp.private_google_apis is not None else []


def forwarding_ready(ctx: LinkContext) -> bool:
    """Both ends have what DNS forwarding needs: the Azure address plan (the resolver's inbound subnet)."""
    return "azure" in ctx.plan.subnets


def advertised_extra(ctx: LinkContext) -> list[str]:
    """Ranges the Cloud Router adds towards Azure for DNS: the source of Cloud DNS's forwarded queries."""
    return [CLOUD_DNS_FORWARDING_SOURCE] if forwarding_ready(ctx) else []


def gcp_side(ctx: LinkContext, i: int, name: str, network: Any, region: str) -> None:
    """The gcp stack's forwarding zones to the Azure resolver and, when Azure forwards Google names, the inbound
    server policy whose entry points the azure stack forwards to."""
    if not forwarding_ready(ctx):
        return
    resolver = azure_resolver_address(ctx.plan)
    zones = ", ".join(sorted(AZURE_PRIVATE_ZONES))
    switch = dns_switch(ctx, "gcp", i, "azure", AZURE_DNS_SWITCH, zones,
                        f"the Azure DNS Private Resolver ({resolver})")
    inbound = bool(google_names(ctx))
    resources = tuple(Resource("google_dns_managed_zone", f'forward["{ZONE_LABELS[z]}"]')
                      for z in sorted(AZURE_PRIVATE_ZONES))
    if inbound:
        resources += (Resource("google_dns_policy", "inbound[0]"),)
    add = ctx.stacks["gcp"]
    add.modules.append(ModuleCall(
        label="link_azure_dns", module="gcp-dns-forwarding",
        purpose="DNS with Azure over the link: the Azure OpenAI names forwarded to the Azure DNS Private Resolver"
                + (", and inbound entry points the Azure resolver forwards googleapis.com to" if inbound else ""),
        inputs={"project_id": Expr("module.project_services.project_id"), "name": name, "network": network,
                "region": region,
                "forward": {ZONE_LABELS[z]: {"domain": z, "targets": [resolver]} for z in sorted(AZURE_PRIVATE_ZONES)},
                "forward_enabled": switch, "inbound_enabled": inbound},
        resources=resources, spec_path=("links", i)))
    if inbound:
        add.outputs.append(Output(INBOUND_OUTPUT, Expr("module.link_azure_dns.inbound_addresses"),
                                  f"Cloud DNS inbound entry points in {region}: the azure stack's input "
                                  f"`{INBOUND_INPUT}`."))


def azure_forwarding(ctx: LinkContext, i: int | None) -> dict[str, Any] | None:
    """The azure-link-network module's `dns_forwarding` input (None when the VNet forwards nothing): Google API
    names over the Azure <-> GCP link `i`, the Bedrock name into AWS (`links_into_aws`). A name gets its targets only
    once its switch is on: until then it has no rule and keeps resolving publicly."""
    from mcai.topology.links_into_aws import azure_forward

    if not forwarding_ready(ctx):
        return None
    forward: dict[str, Any] = {}
    names = google_names(ctx) if i is not None else []
    if names:
        forward.update({n: Expr(f"{_google_switch(ctx, i, names).text} ? var.{INBOUND_INPUT} : []") for n in names})
    forward.update(azure_forward(ctx))
    if not forward:
        return None
    ctx.stacks["azure"].outputs.append(Output(
        "dns_forwarding_ruleset_id", Expr("module.link_network.dns_forwarding_ruleset_id"),
        "DNS forwarding ruleset of the VNet: link it to the VNet of an AKS cluster that calls the other clouds "
        "over the links."))
    return {"outbound_subnet": ctx.plan.subnets["azure"]["dns_resolver_outbound"], "forward": forward}


def _google_switch(ctx: LinkContext, i: int | None, names: list[str]) -> Expr:
    assert i is not None
    add = ctx.stacks["azure"]
    add.var(INBOUND_INPUT, "list(string)",
            f"Cloud DNS inbound entry points of the GCP VPC (the gcp stack's output `{INBOUND_OUTPUT}`); "
            "empty until that stack is applied.", [], required=False, handover=("gcp", INBOUND_OUTPUT))
    gcp = ctx.vspec.spec.clouds.gcp
    assert gcp is not None and gcp.private_google_apis is not None
    copy = step_text(ctx.vspec.spec, "gcp", INBOUND_OUTPUT, "azure", INBOUND_INPUT)
    return dns_switch(ctx, "azure", i, "gcp", GOOGLE_APIS_SWITCH, ", ".join(names),
                      f"the Private Service Connect endpoint for Google APIs ({gcp.private_google_apis.address}) "
                      "through the GCP VPC's inbound entry points",
                      also=f"{copy}, link the forwarding ruleset (azure output `dns_forwarding_ruleset_id`) to the "
                           "VNet of every AKS cluster that calls Google APIs (the stack's VNet is linked already), ")


def azure_forwarding_resources(forwarding: dict[str, Any] | None) -> tuple[Resource, ...]:
    if not forwarding:
        return ()
    return AZURE_FORWARDING_RESOURCES + tuple(
        Resource("azurerm_private_dns_resolver_forwarding_rule", f'this["{d}"]') for d in sorted(forwarding["forward"]))


AZURE_FORWARDING_RESOURCES = (Resource("azurerm_subnet", "dns_outbound[0]"),
                              Resource("azurerm_private_dns_resolver_outbound_endpoint", "this[0]"),
                              Resource("azurerm_private_dns_resolver_dns_forwarding_ruleset", "this[0]"),
                              Resource("azurerm_private_dns_resolver_virtual_network_link", "this[0]"))
