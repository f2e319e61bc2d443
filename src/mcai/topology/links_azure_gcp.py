"""Both ends of an Azure <-> GCP HA VPN (no AWS in between): Google's "HA VPN between Google Cloud and Azure" topology.

GCP: its own HA VPN gateway and Cloud Router (`link_azure_vpn`, module gcp-ha-vpn with an Azure peer) and an external
VPN gateway with the two public IPs of Azure's active-active gateway. Azure: a VNet has one VPN gateway, so the GCP
peer joins the AWS VPN's gateway when there is one (`link_aws_vpn`), else its own (`link_gcp_vpn`); one local network
gateway and one connection per GCP interface. One tunnel per GCP interface (interface i <-> Azure instance i), each
with a BGP session on a /30 of Azure's APIPA range fixed by the link's identity (`addressing.AZURE_GCP_TUNNELS`).
Pre-shared keys: a sensitive input map on each side (keys "0", "1"), from a secret store, never an output.
"""

from __future__ import annotations

from typing import Any

from mcai.spec.links import Link
from mcai.topology.handovers import step_text
from mcai.topology.links_context import GCP_LINK_NAME, INTERFACE_KEYS, LinkContext, has_vpn, per_tunnel
from mcai.topology.links_expressroute import expressroute_gateway
from mcai.topology.model import Expr, ModuleCall, Moved, Output, Resource

GCP_OUTPUT = "azure_ha_vpn_interface_addresses"


def azure_gcp_link(ctx: LinkContext) -> int | None:
    """Index of the Azure <-> GCP link with an HA VPN (its own path or the fallback of ExpressRoute <-> Partner
    Interconnect), if the spec has one."""

    return next((i for i, link in enumerate(ctx.vspec.spec.links)
                 if set(link.between) == {"azure", "gcp"} and has_vpn(link)), None)


def azure_gcp_any(ctx: LinkContext) -> int | None:
    """Index of the Azure <-> GCP link of any kind (DNS forwarding rides it), if the spec has one."""
    return next((i for i, link in enumerate(ctx.vspec.spec.links) if set(link.between) == {"azure", "gcp"}), None)


def bgp_addresses(ctx: LinkContext, i: int) -> dict[str, dict[str, str]]:
    """Per GCP interface / Azure instance: the Cloud Router's (.2) and Azure's (.1) address on the tunnel's /30."""
    return {n: {"gcp": ctx.plan.host(f"links.{i}.vpn.{n}", 2), "azure": ctx.plan.host(f"links.{i}.vpn.{n}", 1)}
            for n in ("0", "1")}


def gcp_peer_inputs(ctx: LinkContext) -> dict[str, Any]:
    """The azure-vpn module's inputs for the GCP peer ({} without an Azure <-> GCP link)."""
    i = azure_gcp_link(ctx)
    if i is None:
        return {}
    link = ctx.vspec.spec.links[i]
    add = ctx.stacks["azure"]
    return {"gcp_peer": {"asn": link.asns.gcp, "bgp_addresses": bgp_addresses(ctx, i),
                         "interface_addresses": add.var(
                             "gcp_vpn_addresses", "map(string)",
                             f"Public address per HA VPN interface of the gcp stack (its output `{GCP_OUTPUT}`); "
                             "empty until that stack is applied.", {}, required=False, handover=("gcp", GCP_OUTPUT))},
            "gcp_preshared_keys": add.var(
                "gcp_vpn_preshared_keys", "map(string)",
                "IPsec pre-shared key per tunnel of the VPN to GCP (\"0\", \"1\"; from your secret store; the same map "
                "as the gcp stack's azure_vpn_preshared_keys).", sensitive=True)}


GCP_PEER_RESOURCES = per_tunnel(("azurerm_local_network_gateway", "azurerm_virtual_network_gateway_connection"),
                                "gcp", INTERFACE_KEYS)


def azure_side(ctx: LinkContext, i: int, gateway_name: str, shared: bool) -> None:
    """The Azure end; `shared`: the AWS VPN's gateway carries the GCP peer too (nothing more to add)."""
    azure = ctx.vspec.spec.clouds.azure
    assert azure is not None
    link = ctx.vspec.spec.links[i]
    add = ctx.stacks["azure"]
    # The one gateway of the VNet lives in `link_aws_vpn` while an AWS <-> Azure VPN exists, else in `link_gcp_vpn`:
    # adding or removing that other link must move it, never replace it (downtime and new public IPs for both peers).
    held, other = ("link_aws_vpn", "link_gcp_vpn") if shared else ("link_gcp_vpn", "link_aws_vpn")
    add.moved.append(Moved(held, "", other, held, "", f"Keeps the VPN gateway (and its public IPs) when the gateway's "
                           f"call changes from {other} to {held}: an AWS <-> Azure VPN was "
                           f"{'added' if shared else 'removed'}. Harmless when {other} never existed."))
    if not shared:

        add.modules.append(ModuleCall(
            label="link_gcp_vpn", module="azure-vpn",
            purpose="Active-active VPN gateway with BGP to GCP's HA VPN: one tunnel per GCP interface",
            inputs={"name": gateway_name, "resource_group_name": Expr("module.foundation.resource_group_name"),
                    "location": azure.location, "gateway_subnet_id": Expr("module.link_network.gateway_subnet_id"),
                    "asn": link.asns.azure, **gcp_peer_inputs(ctx), "tags": Expr("local.default_tags")},
            resources=(Resource("azurerm_public_ip", 'this["0"]'), Resource("azurerm_public_ip", 'this["1"]'),
                       Resource("azurerm_virtual_network_gateway", "this")) + GCP_PEER_RESOURCES,
            spec_path=("links", i), depends_on=expressroute_gateway(ctx)))
        add.outputs.append(Output("vpn_public_ip_addresses", Expr("module.link_gcp_vpn.public_ip_addresses"),
                                  "Public IPs of the VPN gateway: the gcp stack's input `azure_vpn_addresses`."))
    spec = ctx.vspec.spec
    ctx.step("azure", i, 50, "HA VPN to GCP: after applying the azure stack, "
                             + step_text(spec, "azure", "vpn_public_ip_addresses", "gcp", "azure_vpn_addresses")
                             + " and re-apply the gcp stack (its two tunnels and BGP sessions).")
    ctx.step("gcp", i, 60, "HA VPN to Azure: then "
                           + step_text(spec, "gcp", GCP_OUTPUT, "azure", "gcp_vpn_addresses")
                           + " and re-apply the azure stack (local network gateways and connections); check the "
                           f"sessions with `gcloud compute routers get-status {gcp_router(ctx, i)} --region "
                           f"{gcp_region(ctx)}`.")


def gcp_region(ctx: LinkContext) -> str:
    gcp = ctx.vspec.spec.clouds.gcp
    assert gcp is not None
    return gcp.region


def gcp_router(ctx: LinkContext, i: int) -> str:
    return f"{gcp_name(ctx, i)}-router"


def gcp_name(ctx: LinkContext, i: int) -> str:

    return ctx.namer.name(GCP_LINK_NAME, f"{ctx.prefix}-azure", ("links", i))


def gcp_side(ctx: LinkContext, i: int, link: Link, network: Any, advertised: list[str]) -> None:
    from mcai.topology import links_dns

    add = ctx.stacks["gcp"]
    advertised = advertised + [r for r in links_dns.advertised_extra(ctx) if r not in advertised]
    add.modules.append(ModuleCall(
        label="link_azure_vpn", module="gcp-ha-vpn",
        purpose="HA VPN to Azure: two IKEv2 tunnels (one per interface) with BGP on a Cloud Router",
        inputs={"project_id": Expr("module.project_services.project_id"), "region": gcp_region(ctx),
                "name": gcp_name(ctx, i), "network": network, "asn": link.asns.gcp, "advertised_ranges": advertised,
                "azure_peer": {"asn": link.asns.azure, "bgp_addresses": bgp_addresses(ctx, i),
                               "addresses": add.var("azure_vpn_addresses", "map(string)",
                                                    "Public IP per instance of the Azure VPN gateway (the azure "
                                                    "stack's output `vpn_public_ip_addresses`); empty until that stack "
                                                    "is applied.", {}, required=False,
                                                    handover=("azure", "vpn_public_ip_addresses"))},
                "azure_preshared_keys": add.var(
                    "azure_vpn_preshared_keys", "map(string)",
                    "IPsec pre-shared key per tunnel of the VPN to Azure (\"0\", \"1\"; from your secret store; the "
                    "same map as the azure stack's gcp_vpn_preshared_keys).", sensitive=True)},
        resources=(Resource("google_compute_ha_vpn_gateway", "this"), Resource("google_compute_router", "this"),
                   Resource("google_compute_external_vpn_gateway", "azure[0]"),
                   *per_tunnel(("google_compute_vpn_tunnel", "google_compute_router_interface",
                                 "google_compute_router_peer"), "azure", INTERFACE_KEYS)),
        spec_path=("links", i)))
    add.outputs.append(Output(GCP_OUTPUT, Expr("module.link_azure_vpn.interface_addresses"),
                              "Public addresses of the HA VPN gateway to Azure: the azure stack's input "
                              "`gcp_vpn_addresses`."))
    links_dns.gcp_side(ctx, i, gcp_name(ctx, i), network, gcp_region(ctx))
