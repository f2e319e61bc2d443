"""The Azure and GCP ends of private links (the AWS end and the shared pieces are in `links.py`).

These module calls are appended to the stacks the Azure and GCP builders made; they reference those builders' module
outputs (`module.foundation.*`, `module.project_services.project_id`) instead of changing their code.
"""

from __future__ import annotations

from typing import Any

from mcai.spec.links import GOOGLE_PARTNER_ASN, INTERCONNECT_BANDWIDTH, ExpressRouteSide, InterconnectSide, Link
from mcai.topology.links_context import (
    AWS_TUNNEL_KEYS,
    AZURE_LINK_NAME,
    CLOUD_DNS_FORWARDING_SOURCE,
    GCP_LINK_NAME,
    LinkContext,
    azure_resolver_address,
    has_vpn,
    per_tunnel,
    vpn_tunnels,
)
from mcai.topology.links_expressroute import expressroute_call, expressroute_gateway
from mcai.topology.model import Expr, ModuleCall, Output, Resource

TUNNEL_TYPE = ("map(list(object({ outside_address = string, aws_inside_address = string, "
               "peer_inside_address = string })))")
def _links_with(ctx: LinkContext, cloud: str) -> list[tuple[int, Link]]:
    return [(i, link) for i, link in enumerate(ctx.vspec.spec.links) if cloud in link.between]


# -- Azure -----------------------------------------------------------------------------------------------------------
def azure_end(ctx: LinkContext) -> None:
    links = _links_with(ctx, "azure")
    azure = ctx.vspec.spec.clouds.azure
    if not links or azure is None or "azure" not in ctx.plan.subnets:
        return
    from mcai.topology import links_azure_gcp, links_dns, links_partner

    add = ctx.stacks["azure"]
    rg = Expr("module.foundation.resource_group_name")
    subnets = ctx.plan.subnets["azure"]
    path = ("clouds", "azure", "network")
    forwarding = links_dns.azure_forwarding(ctx, links_azure_gcp.azure_gcp_any(ctx))
    add.modules.append(ModuleCall(
        label="link_network", module="azure-link-network",
        purpose="GatewaySubnet for the link gateways and a DNS Private Resolver whose inbound endpoint answers the "
                "private endpoint names for the other clouds",
        inputs={"resource_group_name": rg, "location": azure.location,
                # the foundation module (Azure slice) exports the VNet id; its name is the id's last segment
                "virtual_network_name": Expr('element(split("/", module.foundation.virtual_network_id), 8)'),
                "virtual_network_id": Expr("module.foundation.virtual_network_id"),
                "gateway_subnet": subnets["gateway"],
                "dns_resolver": {"name": ctx.namer.name(AZURE_LINK_NAME, f"dnspr-{ctx.prefix}", path),
                                 "inbound_subnet": subnets["dns_resolver_inbound"],
                                 "inbound_address": azure_resolver_address(ctx.plan)},
                **({"dns_forwarding": forwarding} if forwarding else {}), "tags": Expr("local.default_tags")},
        resources=(Resource("azurerm_subnet", "gateway"), Resource("azurerm_subnet", "dns_inbound"),
                   Resource("azurerm_private_dns_resolver", "this"),
                   Resource("azurerm_private_dns_resolver_inbound_endpoint", "this"))
        + links_dns.azure_forwarding_resources(forwarding),
        spec_path=path))
    add.outputs.append(Output("dns_inbound_address", Expr("module.link_network.dns_inbound_address"),
                              "DNS Private Resolver inbound endpoint: other clouds forward Azure private zones here."))
    aws_vpn = any("aws" in link.between and has_vpn(link) for _, link in links)
    for i, link in links:
        if "aws" not in link.between:
            if link.via == "expressroute":  # ExpressRoute <-> Partner Interconnect at a shared colocation
                links_partner.azure_side(ctx, i, link)
                links_partner.gcp_side(ctx, i, link, _gcp_network(ctx), _advertised(ctx))
                if not has_vpn(link):  # else DNS is added with the HA VPN's GCP end; it rides whichever path is up
                    links_dns.gcp_side(ctx, i, links_azure_gcp.gcp_name(ctx, i), _gcp_network(ctx),
                                       links_azure_gcp.gcp_region(ctx))
            if has_vpn(link):  # Azure <-> GCP: the AWS VPN's gateway when there is one (one per VNet)
                links_azure_gcp.azure_side(ctx, i, _vpn_gateway_name(ctx, i), shared=aws_vpn)
                links_azure_gcp.gcp_side(ctx, i, link, _gcp_network(ctx), _advertised(ctx))
            continue
        if link.via == "expressroute":
            _expressroute(ctx, i, link, rg)
        if has_vpn(link):
            _azure_vpn(ctx, i, link, rg)


def _vpn_gateway_name(ctx: LinkContext, i: int) -> str:
    return ctx.namer.name(AZURE_LINK_NAME, f"vpngw-{ctx.prefix}", ("links", i))


def _expressroute(ctx: LinkContext, i: int, link: Link, rg: Expr) -> None:
    azure = ctx.vspec.spec.clouds.azure
    assert azure is not None and link.colocation is not None and link.bandwidth_mbps is not None
    er = link.expressroute or ExpressRouteSide()
    colo = link.colocation
    add = ctx.stacks["azure"]
    name = ctx.namer.name(AZURE_LINK_NAME, f"erc-{ctx.prefix}-aws", ("links", i))
    vlan = er.vlan or 100 + 10 * i
    primary, secondary = ctx.plan.range(f"links.{i}.expressroute.primary"), \
        ctx.plan.range(f"links.{i}.expressroute.secondary")
    provisioned = add.var("expressroute_circuit_provisioned", "bool",
                          f"Set to true once {colo.partner} has provisioned the ExpressRoute circuit (creates the "
                          "private peering and the gateway connection).", False, required=False)
    expressroute_call(ctx, i, link, "aws", name, provisioned, {
        "peer_asn": colo.router_asn, "primary_prefix": primary, "secondary_prefix": secondary, "vlan_id": vlan})
    ctx.step("azure", i, 30, f"when the circuit's provider state is Provisioned, set "
                             "expressroute_circuit_provisioned = true and re-apply the azure stack (private peering "
                             f"VLAN {vlan}, {primary} and {secondary}; gateway connection).")
    ctx.step("azure", i, 40, f"have {colo.partner} join both sides on its router (ASN {colo.router_asn}) at the "
                             "colocation: the Direct Connect interface and the ExpressRoute private peering, "
                             "exchanging the AWS and Azure network routes over BGP.")


def _azure_vpn(ctx: LinkContext, i: int, link: Link, rg: Expr) -> None:
    from mcai.topology import links_azure_gcp

    azure = ctx.vspec.spec.clouds.azure
    assert azure is not None
    add = ctx.stacks["azure"]
    aws = ctx.name("aws")
    tunnels = vpn_tunnels(ctx.plan, i)
    from ipaddress import IPv4Network

    apipa = {c: [str(IPv4Network(cidr)[2]) for cidr in pair] for c, pair in tunnels.items()}
    add.modules.append(ModuleCall(
        label="link_aws_vpn", module="azure-vpn",
        purpose="Active-active VPN gateway with BGP to AWS: four IPsec tunnels"
                + (" (fallback of ExpressRoute)" if link.via != "ha_vpn" else ""),
        inputs={"name": _vpn_gateway_name(ctx, i),
                "resource_group_name": rg, "location": azure.location,
                "gateway_subnet_id": Expr("module.link_network.gateway_subnet_id"), "asn": link.asns.azure,
                "apipa_addresses": apipa, "aws_asn": link.asns.aws,
                "aws_tunnels": add.var("aws_vpn_tunnels", TUNNEL_TYPE,
                                       f"The {aws} stack's output `azure_vpn_tunnels`; empty until the {aws} stack is "
                                       "applied with this stack's VPN addresses.", {}, required=False,
                                       handover=("aws", "azure_vpn_tunnels")),
                "preshared_keys": add.var("aws_vpn_preshared_keys", "map(string)",
                                          "IPsec pre-shared key per tunnel of the VPN to AWS (0-1, 0-2, 1-1, 1-2; "
                                          f"the same map as the {aws} stack's azure_vpn_preshared_keys).", sensitive=True),
                **links_azure_gcp.gcp_peer_inputs(ctx), "tags": Expr("local.default_tags")},
        resources=(Resource("azurerm_public_ip", 'this["0"]'), Resource("azurerm_public_ip", 'this["1"]'),
                   Resource("azurerm_virtual_network_gateway", "this"),
                   *per_tunnel(("azurerm_local_network_gateway", "azurerm_virtual_network_gateway_connection"),
                               "this", AWS_TUNNEL_KEYS))
        + (links_azure_gcp.GCP_PEER_RESOURCES if links_azure_gcp.azure_gcp_link(ctx) is not None else ()),
        spec_path=("links", i),
        # both gateways live in the one GatewaySubnet: Azure refuses a second gateway write while the first is in
        # progress, so the VPN gateway waits for the ExpressRoute gateway instead of racing it
        depends_on=expressroute_gateway(ctx)))
    also = " and the gcp stack's `azure_vpn_addresses`" if links_azure_gcp.azure_gcp_link(ctx) is not None else ""
    add.outputs.append(Output("vpn_public_ip_addresses", Expr("module.link_aws_vpn.public_ip_addresses"),
                              f"Public IPs of the VPN gateway: the {aws} stack's input `azure_vpn_addresses`{also}."))


# -- GCP -------------------------------------------------------------------------------------------------------------
def _gcp_network(ctx: LinkContext) -> Any:
    gcp = ctx.vspec.spec.clouds.gcp
    assert gcp is not None
    if gcp.network.name:
        return f"projects/{gcp.project_id}/global/networks/{gcp.network.name}"
    return ctx.stacks["gcp"].var("network_id", "string", "The VPC network for Private Service Connect: "
                                 "projects/<project>/global/networks/<name>.")


def _advertised(ctx: LinkContext, dns_to_aws: bool = False) -> list[str]:
    """Custom ranges the Cloud Router advertises besides the subnets: the PSC endpoint for Google APIs, and the
    range Cloud DNS forwards from when GKE resolves AWS names over the link (the answers must come back)."""

    gcp = ctx.vspec.spec.clouds.gcp
    psc = gcp.private_google_apis if gcp else None
    return ([f"{psc.address}/32"] if psc else []) + ([CLOUD_DNS_FORWARDING_SOURCE] if dns_to_aws else [])


def _dns_to_aws(ctx: LinkContext) -> bool:
    from mcai.topology.links_into_aws import callers

    return "gcp" in callers(ctx.vspec.spec)


def gcp_end(ctx: LinkContext) -> None:
    gcp = ctx.vspec.spec.clouds.gcp
    if gcp is None:
        return
    from mcai.topology import links_into_aws

    for i, link in _links_with(ctx, "gcp"):
        if "aws" not in link.between:
            continue  # Azure <-> GCP: both ends are added with the Azure end
        if link.via == "interconnect":
            _interconnect(ctx, i, link)
        if has_vpn(link):
            _gcp_vpn(ctx, i, link)
    if _dns_to_aws(ctx):
        links_into_aws.gcp_side(ctx, ctx.namer.name(GCP_LINK_NAME, f"{ctx.prefix}-aws", ("links",)), _gcp_network(ctx))


def _interconnect(ctx: LinkContext, i: int, link: Link) -> None:
    gcp = ctx.vspec.spec.clouds.gcp
    assert gcp is not None and link.colocation is not None
    ic = link.interconnect or InterconnectSide()
    partner = ic.type == "partner"
    name = ctx.namer.name(GCP_LINK_NAME, f"{ctx.prefix}-aws-ic", ("links", i))
    dedicated = None
    if not partner:
        key = f"links.{i}.interconnect.0"
        dedicated = {"interconnect": f"projects/{gcp.project_id}/global/interconnects/{ic.interconnect}",
                     "vlan": ic.vlan or 200 + i, "bandwidth": INTERCONNECT_BANDWIDTH[link.bandwidth_mbps or 0],
                     "candidate_subnet": ctx.plan.range(key),
                     # Cross-Cloud Interconnect lands on AWS directly; a dedicated port meets the colocation router
                     "peer_asn": link.asns.aws + 1 if ic.type == "cross_cloud" else link.colocation.router_asn}
    attachments = [f"domain{d}" for d in sorted(set(ic.edge_availability_domains))] if partner else ["dedicated"]
    resources = [Resource("google_compute_router", "this")]
    resources += [Resource("google_compute_interconnect_attachment", f'this["{a}"]') for a in attachments]
    if not partner:
        resources += [Resource("google_compute_router_interface", 'this["dedicated"]'),
                      Resource("google_compute_router_peer", 'this["dedicated"]')]
    ctx.stacks["gcp"].modules.append(ModuleCall(
        label="link_aws_interconnect", module="gcp-interconnect",
        purpose=f"Cloud Interconnect end of the private link to AWS ({ic.type.replace('_', '-')}"
                + (f" via {link.colocation.partner}" if partner else "") + ")",
        inputs={"project_id": Expr("module.project_services.project_id"), "region": gcp.region, "name": name,
                "network": _gcp_network(ctx), "type": "PARTNER" if partner else "DEDICATED",
                "router_asn": (ic.router_asn or GOOGLE_PARTNER_ASN) if partner else (ic.router_asn or 64515),
                "edge_availability_domains": sorted(set(ic.edge_availability_domains)), "mtu": ic.mtu,
                "dedicated": dedicated, "advertised_ranges": _advertised(ctx, _dns_to_aws(ctx))},
        resources=tuple(resources), spec_path=("links", i)))
    if partner:
        # `terraform output` shows root outputs only: the pairing keys are re-exported for the hand-over step.
        ctx.stacks["gcp"].outputs.append(Output(
            "aws_interconnect_pairing_keys", Expr("module.link_aws_interconnect.pairing_keys"),
            f"Pairing key per partner attachment (edge availability domain), handed to {link.colocation.partner}."))
        ctx.step("gcp", i, 10, f"apply the gcp stack, read the attachments' pairing keys (`terraform output -json "
                               f"aws_interconnect_pairing_keys`) and order the connection from "
                               f"{link.colocation.partner}, handing them one pairing key per edge availability "
                               "domain; the partner sets VLAN and bandwidth.")
        ctx.step("gcp", i, 40, f"have {link.colocation.partner} join the attachments and the Direct Connect "
                               f"interface on its router (ASN {link.colocation.router_asn}); the attachments were "
                               "created pre-activated (admin_enabled), so BGP comes up once the partner has "
                               "provisioned them: check `gcloud compute routers get-status`.")
    else:
        ctx.step("gcp", i, 10, f"the Interconnect '{ic.interconnect}' must exist (ordered in the Google Cloud "
                               "console: a port cannot be created by Terraform alone) before applying the gcp stack.")


def _gcp_vpn(ctx: LinkContext, i: int, link: Link) -> None:
    gcp = ctx.vspec.spec.clouds.gcp
    assert gcp is not None
    add = ctx.stacks["gcp"]
    aws = ctx.name("aws")
    add.modules.append(ModuleCall(
        label="link_aws_vpn", module="gcp-ha-vpn",
        purpose="HA VPN to AWS: four IKEv2 tunnels with BGP on a Cloud Router"
                + (" (fallback of the Interconnect)" if link.via != "ha_vpn" else ""),
        inputs={"project_id": Expr("module.project_services.project_id"), "region": gcp.region,
                "name": ctx.namer.name(GCP_LINK_NAME, f"{ctx.prefix}-aws", ("links", i)),
                "network": _gcp_network(ctx), "asn": link.asns.gcp, "advertised_ranges": _advertised(ctx, _dns_to_aws(ctx)),
                "aws_asn": link.asns.aws,
                "aws_tunnels": add.var("aws_vpn_tunnels", TUNNEL_TYPE,
                                       f"The {aws} stack's output `gcp_vpn_tunnels`; empty until the {aws} stack is "
                                       "applied with this stack's HA VPN addresses.", {}, required=False,
                                       handover=("aws", "gcp_vpn_tunnels")),
                "preshared_keys": add.var("aws_vpn_preshared_keys", "map(string)",
                                          "IPsec pre-shared key per tunnel of the VPN to AWS (0-1, 0-2, 1-1, 1-2; "
                                          f"the same map as the {aws} stack's gcp_vpn_preshared_keys).", sensitive=True)},
        resources=(Resource("google_compute_ha_vpn_gateway", "this"), Resource("google_compute_router", "this"),
                   Resource("google_compute_external_vpn_gateway", "this[0]"),
                   *per_tunnel(("google_compute_vpn_tunnel", "google_compute_router_interface",
                                 "google_compute_router_peer"), "this", AWS_TUNNEL_KEYS)),
        spec_path=("links", i)))
    add.outputs.append(Output("ha_vpn_interface_addresses", Expr("module.link_aws_vpn.interface_addresses"),
                              f"Public addresses of the HA VPN gateway: the {aws} stack's input `gcp_vpn_addresses`."))
