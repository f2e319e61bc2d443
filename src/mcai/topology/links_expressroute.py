"""The Azure ExpressRoute end of a private link (circuit, private peering, the VNet's one ExpressRoute gateway), built
alike toward AWS and toward GCP."""

from __future__ import annotations

from typing import Any

from mcai.spec.links import ExpressRouteSide, Link
from mcai.topology.links_context import LinkContext
from mcai.topology.model import Expr, ModuleCall, Resource

ER_TIER = {"basic": "Basic", "local": "Local", "standard": "Standard", "premium": "Premium"}
ER_FAMILY = {"metered": "MeteredData", "unlimited": "UnlimitedData"}


def expressroute_call(ctx: LinkContext, i: int, link: Link, peer: str, name: str, provisioned: Any,
                      peering: Any) -> None:
    """The circuit, its private peering and the VNet's ExpressRoute gateway toward `peer`, and the numbered step that
    hands the service key to the partner."""
    azure = ctx.vspec.spec.clouds.azure
    assert azure is not None and link.colocation is not None
    er = link.expressroute or ExpressRouteSide()
    colo = link.colocation
    ctx.stacks["azure"].modules.append(ModuleCall(
        label=f"link_{peer}_expressroute", module="azure-expressroute",
        purpose=f"ExpressRoute end of the private link to {peer.upper()}: {link.bandwidth_mbps} Mbps circuit via "
                f"{colo.partner} ({colo.peering_location}), private peering, zone-redundant gateway",
        inputs={"name": name, "resource_group_name": Expr("module.foundation.resource_group_name"),
                "location": azure.location,
                "circuit": {"service_provider_name": colo.partner, "peering_location": colo.peering_location,
                            "bandwidth_in_mbps": link.bandwidth_mbps, "tier": ER_TIER[er.tier],
                            "family": ER_FAMILY[er.family]},
                "circuit_provisioned": provisioned, "private_peering": peering,
                "gateway_sku": er.gateway_sku, "gateway_subnet_id": Expr("module.link_network.gateway_subnet_id"),
                "tags": Expr("local.default_tags")},
        resources=(Resource("azurerm_express_route_circuit", "this"),
                   Resource("azurerm_express_route_circuit_peering", "private[0]"),
                   Resource("azurerm_virtual_network_gateway", "this"),
                   Resource("azurerm_virtual_network_gateway_connection", "this[0]")),
        spec_path=("links", i)))
    # after the GCP side's pairing-key step (10) on an Azure <-> GCP link, first on a link to AWS
    ctx.step("azure", i, 10 if peer == "aws" else 11,
             f"apply the azure stack (creates circuit {name}), read its service key with `az network express-route "
             f"show -g <resource group> -n {name} --query serviceKey -o tsv` and order the {link.bandwidth_mbps} "
             f"Mbps circuit from {colo.partner} at {colo.peering_location}, handing them the service key.")


def expressroute_gateway(ctx: LinkContext) -> tuple[str, ...]:
    """The call holding the VNet's ExpressRoute gateway, if any: both gateways live in the one GatewaySubnet, and Azure
    refuses a second gateway write while the first is in progress, so the VPN gateway waits instead of racing it."""
    for link in ctx.vspec.spec.links:
        if link.via == "expressroute":
            return ("module.link_aws_expressroute",) if "aws" in link.between else ("module.link_gcp_expressroute",)
    return ()
