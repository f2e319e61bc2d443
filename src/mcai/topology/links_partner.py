"""Both ends of an Azure <-> GCP private link at a shared colocation: an ExpressRoute circuit (private peering, the
VNet's one ExpressRoute gateway) and GCP Partner Interconnect VLAN attachments on a Cloud Router with Google's ASN
16550, one per edge availability domain. The partner's router at the colocation peers with both.

Everything the partner decides is a hand-over, never a number mcai invents: the pairing keys and the circuit's
service key go to the partner (numbered steps); the private peering's VLAN and /30s come back from the partner as
the azure stack's input `gcp_expressroute_private_peering` (null until then, which also holds back the peering and
the gateway connection, as Azure refuses both before the circuit is provisioned). The HA VPN fallback, when the
link has one, is the Azure <-> GCP HA VPN of `links_azure_gcp` (less preferred: Azure prefers ExpressRoute routes).
"""

from __future__ import annotations

from typing import Any

from mcai.spec.links import GOOGLE_PARTNER_ASN, InterconnectSide, Link
from mcai.topology.links_context import AZURE_LINK_NAME, GCP_LINK_NAME, LinkContext
from mcai.topology.links_expressroute import expressroute_call
from mcai.topology.model import Expr, ModuleCall, Output, Resource

PEERING_INPUT = "gcp_expressroute_private_peering"  # named in mcai.paths (PARTNER_PEERING) too
PAIRING_OUTPUT = "azure_interconnect_pairing_keys"
AZURE_LABEL = "link_gcp_expressroute"
PARTNER_PATH = "GCP Partner Interconnect (VLAN attachments) <-> partner router <-> Azure ExpressRoute (private peering)"
PARTNER_COMPONENTS = ("ExpressRoute circuit", "ExpressRoute virtual network gateway",
                      "Cloud Interconnect VLAN attachment(s)")


def is_partner_link(link: Link) -> bool:
    return link.via == "expressroute" and set(link.between) == {"azure", "gcp"}


def azure_side(ctx: LinkContext, i: int, link: Link) -> None:

    assert link.colocation is not None
    colo = link.colocation
    add = ctx.stacks["azure"]
    name = ctx.namer.name(AZURE_LINK_NAME, f"erc-{ctx.prefix}-gcp", ("links", i))
    add.var(
        PEERING_INPUT, "object({ vlan_id = number, primary_prefix = string, secondary_prefix = string })",
        f"The private peering {colo.partner} assigned once it provisioned the ExpressRoute circuit to GCP: its VLAN "
        "and the primary and secondary /30. Null until then (the peering and the gateway connection wait for it).",
        None, required=False)
    expressroute_call(ctx, i, link, "gcp", name, Expr(f"var.{PEERING_INPUT} != null"),
                      Expr(f"var.{PEERING_INPUT} == null ? null : merge(var.{PEERING_INPUT}, "
                           f"{{ peer_asn = {colo.router_asn} }})"))
    ctx.step("azure", i, 30, f"when the circuit's provider state is Provisioned, set {PEERING_INPUT} = {{ vlan_id, "
                             f"primary_prefix, secondary_prefix }} to the VLAN and the two /30s {colo.partner} "
                             "assigned to the private peering, and re-apply the azure stack (private peering with "
                             f"the partner's router, ASN {colo.router_asn}; gateway connection).")


def gcp_side(ctx: LinkContext, i: int, link: Link, network: Any, advertised: list[str]) -> None:
    from mcai.topology import links_dns

    gcp = ctx.vspec.spec.clouds.gcp
    assert gcp is not None and link.colocation is not None
    ic = link.interconnect or InterconnectSide()
    partner = link.colocation.partner
    domains = sorted(set(ic.edge_availability_domains))
    advertised = advertised + [r for r in links_dns.advertised_extra(ctx) if r not in advertised]
    name = ctx.namer.name(GCP_LINK_NAME, f"{ctx.prefix}-azure-ic", ("links", i))
    ctx.stacks["gcp"].modules.append(ModuleCall(
        label="link_azure_interconnect", module="gcp-interconnect",
        purpose=f"Partner Interconnect end of the private link to Azure via {partner} (ExpressRoute at "
                f"{link.colocation.peering_location})",
        inputs={"project_id": Expr("module.project_services.project_id"), "region": gcp.region,
                "name": name,
                "network": network, "type": "PARTNER", "router_asn": ic.router_asn or GOOGLE_PARTNER_ASN,
                "edge_availability_domains": domains, "mtu": ic.mtu, "dedicated": None,
                "advertised_ranges": advertised},
        resources=(Resource("google_compute_router", "this"),) + tuple(
            Resource("google_compute_interconnect_attachment", f'this["domain{d}"]') for d in domains),
        spec_path=("links", i)))
    ctx.stacks["gcp"].outputs.append(Output(
        PAIRING_OUTPUT, Expr("module.link_azure_interconnect.pairing_keys"),
        f"Pairing key per partner attachment toward Azure (edge availability domain), handed to {partner}."))
    ctx.step("gcp", i, 10, f"apply the gcp stack, read the attachments' pairing keys (`terraform output -json "
                           f"{PAIRING_OUTPUT}`) and order Partner Interconnect from {partner}, handing them one "
                           "pairing key per edge availability domain; the partner sets the VLANs and the bandwidth "
                           "and configures BGP with the Cloud Router (ASN 16550).")
    ctx.step("gcp", i, 40, f"have {partner} join the attachments and the ExpressRoute private peering on its router "
                           f"(ASN {link.colocation.router_asn}) at the colocation; the attachments were created "
                           "pre-activated (admin_enabled), so BGP comes up once the partner has provisioned them: "
                           f"check `gcloud compute routers get-status {name}-router --region {gcp.region}`.")

