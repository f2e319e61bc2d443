"""Derive both ends of every private link: module calls added to each stack, the facts the report and the cost
estimate read (`LinkFacts`), and the manual steps in apply order.

AWS is the hub: the Direct Connect / VPN end of every link terminates on the VPC's one virtual private gateway, or,
when the AWS accounts share a Transit Gateway, the VPN connections attach to that gateway so every attached account
reaches the other cloud (routes and DNS for the other accounts are in `transit.py`); the Route 53 Resolver forwards
the other clouds' private names. The Azure and GCP ends are in `links_peers.py`; what all
link builders share is in `links_context.py`. Nothing
here touches the Azure or GCP builders: `derive()` appends these additions to the stacks they built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mcai.spec import ValidSpec
from mcai.spec.links import Link
from mcai.topology.addressing import AddressPlan, plan
from mcai.topology.handovers import step_text
from mcai.topology.links_context import (
    AZURE_DNS_SWITCH,
    AZURE_PRIVATE_ZONES,
    GOOGLE_DNS_SWITCH,
    Additions,
    LinkContext,
    azure_resolver_address,
    dns_link,
    dns_switch,
    has_vpn,
    joins_aws,
    peer_of,
    vpn_tunnels,
)
from mcai.topology.model import Expr, ModuleCall, Output, Resource
from mcai.topology.names import Namer
from mcai.topology.transit_links import (
    RULES_HAND_OVER,
    TRANSIT_GATEWAY_LABEL,
    account_network,
    hub_prefixes,
    on_transit_gateway,
    shared_rules,
)

# The article: a private link in a co-located metro vs transit over the internet.
LATENCY = {"private": "private metro: 2-5 ms", "internet": "internet transit: 20-50 ms"}
VIA_PATH = {"expressroute": "AWS Direct Connect <-> partner router <-> Azure ExpressRoute (private peering)",
            "interconnect": "AWS Direct Connect <-> partner <-> GCP Cloud Interconnect (VLAN attachments)",
            "ha_vpn": "IPsec HA VPN with BGP over the internet (4 tunnels)"}
FIXED_COMPONENTS = {
    "expressroute": ("AWS Direct Connect port (hosted connection)", "ExpressRoute circuit",
                     "ExpressRoute virtual network gateway"),
    "interconnect": ("AWS Direct Connect port (hosted connection)", "Cloud Interconnect VLAN attachment(s)"),
    "ha_vpn": ("AWS site-to-site VPN connections (2)", "peer VPN gateway"),
}
AZURE_GCP_VPN_PATH = ("IPsec HA VPN with BGP over the internet: GCP HA VPN (2 interfaces) <-> Azure active-active VPN "
                      "gateway (2 tunnels)")
AZURE_GCP_VPN_COMPONENTS = ("GCP HA VPN tunnels (2)", "Azure VPN gateway (active-active)")


@dataclass(frozen=True)
class LinkFacts:
    """One link as the report and the cost estimate see it."""

    index: int
    between: tuple[str, str]
    via: str
    path: str
    bandwidth_mbps: int | None
    latency_class: str
    fallback: str
    fixed_monthly_components: tuple[str, ...]
    ranges: tuple[tuple[str, str], ...] = ()
    spec_path: tuple[str | int, ...] = ()


def facts(link: Link, i: int, p: AddressPlan, hub: bool = False) -> LinkFacts:
    """`hub`: the AWS end is the estate's Transit Gateway (topology/transit_links.py)."""
    fallback = "none" if link.via == "ha_vpn" else link.fallback.via
    vpn = FIXED_COMPONENTS["ha_vpn"] if joins_aws(link) else AZURE_GCP_VPN_COMPONENTS
    from mcai.topology.links_partner import PARTNER_COMPONENTS, PARTNER_PATH

    path, private = (VIA_PATH[link.via], FIXED_COMPONENTS.get(link.via, ())) if joins_aws(link) else (
        (AZURE_GCP_VPN_PATH, ()) if link.via == "ha_vpn" else (PARTNER_PATH, PARTNER_COMPONENTS))
    if hub and joins_aws(link):
        path += "; the AWS end is the Transit Gateway, which every account's VPC is attached to"
    return LinkFacts(index=i, between=tuple(link.between), via=link.via,  # type: ignore[arg-type]
                     path=path, bandwidth_mbps=link.bandwidth_mbps,
                     latency_class=LATENCY["internet" if link.via == "ha_vpn" else "private"], fallback=fallback,
                     fixed_monthly_components=(vpn if link.via == "ha_vpn" else private) + (
                         vpn if fallback == "ha_vpn" else ()),
                     ranges=tuple(sorted((k.split(".", 2)[2], v) for k, v in p.ranges.items()
                                         if k.startswith(f"links.{i}."))),
                     spec_path=("links", i))


# -- AWS end ---------------------------------------------------------------------------------------------------------
def aws_end(ctx: LinkContext) -> None:
    spec = ctx.vspec.spec
    aws = spec.clouds.aws
    aws_links = [link for link in spec.links if joins_aws(link)]
    if aws is None or not aws_links:
        return  # Azure <-> GCP only: nothing on the AWS side
    add = ctx.stacks["aws"]
    vpc, subnets = account_network(add, aws.network)
    asn = aws_links[0].asns.aws
    if on_transit_gateway(spec):  # the hub's own ASN (spec/transit_rules.py); no gateway of the VPC's own
        ctx.gateway = {"transit_gateway_id": Expr(f"module.{TRANSIT_GATEWAY_LABEL}.id")}
    else:
        _vpn_gateway(ctx, vpc, asn)
    for i, link in enumerate(spec.links):
        if not joins_aws(link):
            continue
        peer = peer_of(link)
        if link.via in ("expressroute", "interconnect"):
            _direct_connect(ctx, i, link, peer, vpc)
        if has_vpn(link):
            _vpn(ctx, i, link, peer)
    _dns(ctx, vpc, subnets)


def _vpn_gateway(ctx: LinkContext, vpc: Any, asn: int) -> None:
    add = ctx.stacks["aws"]
    add.modules.append(ModuleCall(
        label="link_gateway", module="aws-vpn-gateway",
        purpose="The VPC's virtual private gateway: every private link and VPN fallback terminates on it",
        inputs={"name": f"{ctx.prefix}-links", "vpc_id": vpc, "amazon_side_asn": asn,
                "route_table_ids": add.var("private_route_table_ids", "list(string)",
                                           "Route tables of the private subnets; routes learned over the links are "
                                           "propagated into them.")},
        resources=(Resource("aws_vpn_gateway", "this"), Resource("aws_vpn_gateway_route_propagation", "this")),
        spec_path=("links",)))


def _direct_connect(ctx: LinkContext, i: int, link: Link, peer: str, vpc: Any) -> None:
    from mcai.spec.links import DirectConnectSide

    add = ctx.stacks["aws"]
    dx = link.direct_connect or DirectConnectSide()
    colo = link.colocation
    assert colo is not None
    key = f"links.{i}.direct_connect"
    cross_cloud = link.interconnect is not None and link.interconnect.type == "cross_cloud"
    peer_asn = (link.interconnect.router_asn or 64515) if cross_cloud and link.interconnect else colo.router_asn
    hosted = dx.connection == "hosted"
    if hosted:
        # the partner assigns a hosted connection's VLAN: one required-together input, never a number mcai invents
        conn, vlan = _hosted_connection(add, f"dx_hosted_connection_{peer}", f"toward {peer}", colo.partner,
                                        colo.dx_location)
        setting = (f"dx_hosted_connection_{peer} = {{ id = \"dxcon-...\", vlan = <the VLAN {colo.partner} "
                   "assigned> }")
        vlan_step = ("VLAN of the connection, read with `aws directconnect describe-connections --connection-id "
                     "<dxcon-id> --query 'connections[0].vlan'`")
    else:
        conn = add.var(f"dx_connection_id_{peer}", "string",
                       f"Direct Connect connection (dxcon-...) toward {peer}, once {colo.partner} has provisioned it "
                       f"at {colo.dx_location}; leave null until then.", None, required=False)
        vlan = dx.vlan or 101 + 10 * i
        setting, vlan_step = f"dx_connection_id_{peer}", f"VLAN {vlan}"
    aws = ctx.vspec.spec.clouds.aws
    assert aws is not None
    on_hub = "transit_gateway_id" in ctx.gateway  # a transit interface on a gateway associated with the hub
    vif = "aws_dx_transit_virtual_interface" if on_hub else "aws_dx_private_virtual_interface"
    resources = [Resource("aws_dx_gateway", "this"), Resource("aws_dx_gateway_association", "this"),
                 Resource("aws_dx_connection_confirmation", "this[0]"), Resource(vif, "this[0]")]
    secondary: dict[str, Any] = {}
    if dx.connections == 2:
        second = f"{key}.secondary"
        if hosted:
            second_conn, second_vlan = _hosted_connection(add, f"dx_secondary_hosted_connection_{peer}",
                                                          f"toward {peer} (the second one, on another device)",
                                                          colo.partner, colo.dx_location)
        else:
            second_conn = add.var(f"dx_secondary_connection_id_{peer}", "string",
                                  f"Second Direct Connect connection toward {peer} (on another {colo.partner} "
                                  "device); leave null until it is provisioned.", None, required=False)
            second_vlan = vlan + 1
        secondary = {"secondary": {
            "connection_id": second_conn,
            "virtual_interface": {"vlan": second_vlan, "peer_asn": peer_asn,
                                  "amazon_address": f"{ctx.plan.host(second, 1)}/{_len(ctx.plan.range(second))}",
                                  "customer_address": f"{ctx.plan.host(second, 2)}/{_len(ctx.plan.range(second))}",
                                  "mtu": dx.mtu}}}
        resources += [Resource("aws_dx_connection_confirmation", "secondary[0]"), Resource(vif, "secondary[0]")]
    add.modules.append(ModuleCall(
        label=f"link_{peer}_direct_connect", module="aws-direct-connect",
        purpose=f"Direct Connect end of the private link to {peer} ({link.via} at {colo.partner}, {colo.dx_location})",
        inputs={"name": f"{ctx.prefix}-{peer}", "amazon_side_asn": link.asns.aws + 1,
                **ctx.gateway, "allowed_prefixes": hub_prefixes(ctx.vspec.spec) or [aws.network.cidr],
                "connection_id": conn, "hosted": hosted,
                "virtual_interface": {"vlan": vlan, "peer_asn": peer_asn,
                                      "amazon_address": f"{ctx.plan.host(key, 1)}/{_len(ctx.plan.range(key))}",
                                      "customer_address": f"{ctx.plan.host(key, 2)}/{_len(ctx.plan.range(key))}",
                                      "mtu": dx.mtu},
                **secondary},
        resources=tuple(resources), spec_path=("links", i)))
    add.outputs.append(Output(
        f"dx_bgp_auth_keys_{peer}", Expr(f"module.link_{peer}_direct_connect.bgp_auth_keys"),
        f"BGP MD5 key of each Direct Connect virtual interface toward {peer}, for {colo.partner}'s router.",
        sensitive=True))
    order = "a hosted connection" if hosted else "a dedicated port (LOA to the facility)"
    ctx.step("aws", i, 20, f"order {order} of {dx.bandwidth} from {colo.partner} at Direct Connect location "
                             f"{colo.dx_location} into account {aws.account_id}; when it appears, set "
                             f"{setting} and re-apply the aws stack (it accepts the connection and creates the "
                             f"{'transit' if on_hub else 'private'} virtual interface: {vlan_step}, BGP to ASN "
                             f"{peer_asn}, {ctx.plan.range(key)}); then "
                             f"give {colo.partner} the BGP key AWS generated for it (`terraform output -json "
                             f"dx_bgp_auth_keys_{peer}`), or BGP does not come up.")
    if dx.connections == 2:
        second_set = (f"dx_secondary_hosted_connection_{peer} (its id and VLAN)" if hosted
                      else f"dx_secondary_connection_id_{peer}")
        second_step = "the VLAN of that connection" if hosted else f"VLAN {vlan + 1}"
        ctx.step("aws", i, 21, f"order the second connection ({dx.bandwidth}) from {colo.partner} on a different "
                                 f"device at {colo.dx_location}; when it appears, set "
                                 f"{second_set} and re-apply the aws stack ({second_step}, "
                                 f"{ctx.plan.range(f'{key}.secondary')}).")


def _hosted_connection(add: Any, name: str, toward: str, partner: str, location: str) -> tuple[Expr, Expr]:
    """One input for a hosted connection: its id and the VLAN the partner assigned, required together by their
    type (Terraform refuses an id without a VLAN); null until the partner has provisioned it."""
    add.var(name, "object({ id = string, vlan = number })",
            f"The hosted Direct Connect connection {toward}, once {partner} has provisioned it at {location}: id "
            f"(dxcon-...) and the VLAN {partner} assigned to it (`aws directconnect describe-connections "
            "--connection-id <id> --query 'connections[0].vlan'`), both required. Null until then.", None,
            required=False)
    return Expr(f"try(var.{name}.id, null)"), Expr(f"try(var.{name}.vlan, null)")


def _len(cidr: str) -> str:
    return cidr.split("/")[1]


def _vpn(ctx: LinkContext, i: int, link: Link, peer: str) -> None:
    add = ctx.stacks["aws"]
    label = f"link_{peer}_vpn"
    source = "vpn_public_ip_addresses" if peer == "azure" else "ha_vpn_interface_addresses"
    add.modules.append(ModuleCall(
        label=label, module="aws-vpn",
        purpose=f"HA VPN to {peer}: two VPN connections, four IKEv2 tunnels with BGP"
                + (" (fallback of the private link)" if link.via != "ha_vpn" else "")
                + (", attached to the Transit Gateway for every attached account" if "transit_gateway_id" in ctx.gateway
                   else ""),
        inputs={"name": f"{ctx.prefix}-{peer}", **ctx.gateway,
                "peer_asn": getattr(link.asns, peer),
                "peer_addresses": add.var(f"{peer}_vpn_addresses", "map(string)",
                                          f"Public addresses of the {peer} VPN gateway (the {peer} stack's output "
                                          f"`{source}`); empty until that stack is applied.", {}, required=False,
                                          handover=(peer, source)),
                "tunnel_inside_cidrs": vpn_tunnels(ctx.plan, i),
                **({"ike_ciphers": GCP_IKE_CIPHERS} if peer == "gcp" else {}),
                "preshared_keys": add.var(f"{peer}_vpn_preshared_keys", "map(string)",
                                          f"IPsec pre-shared key per tunnel of the VPN to {peer} (0-1, 0-2, 1-1, "
                                          f"1-2; from your secret store; the same map in the {peer} stack).",
                                          sensitive=True)},
        resources=(Resource("aws_customer_gateway", 'this["0"]'), Resource("aws_customer_gateway", 'this["1"]'),
                   Resource("aws_vpn_connection", 'this["0"]'), Resource("aws_vpn_connection", 'this["1"]')),
        spec_path=("links", i)))
    add.outputs.append(Output(f"{peer}_vpn_tunnels", Expr(f"module.{label}.tunnels"),
                              f"AWS tunnels of the VPN to {peer}: the {peer} stack's input `aws_vpn_tunnels`."))
    spec = ctx.vspec.spec
    aws, other = ctx.name("aws"), ctx.name(peer)
    ctx.step(peer, i, 50, f"VPN: after applying the {other} stack, "
                            f"{step_text(spec, other, source, aws, f'{peer}_vpn_addresses')}; re-apply the {aws} stack.")
    ctx.step("aws", i, 60, f"VPN: then {step_text(spec, aws, f'{peer}_vpn_tunnels', other, 'aws_vpn_tunnels')}; "
                             f"re-apply the {other} stack (tunnels and BGP sessions come up).")


# Google asks HA VPN peers to propose one cipher per role ("Best practices for Cloud VPN"); AES-CBC-256 with
# HMAC-SHA2-256 and DH group 14 (modp2048) is in Cloud VPN's IKEv2 cipher table and in AWS's tunnel options.
GCP_IKE_CIPHERS = {"encryption": "AES256", "integrity": "SHA2-256", "dh_group": 14}


def _dns(ctx: LinkContext, vpc: Any, subnets: Any) -> None:
    spec = ctx.vspec.spec
    linked = {c for link in spec.links if joins_aws(link) for c in link.between}
    forward: dict[str, list[str]] = {}
    if "azure" in linked and ctx.plan.subnets.get("azure"):
        resolver = azure_resolver_address(ctx.plan)
        forward = {zone: [resolver] for zone in AZURE_PRIVATE_ZONES}
    zones: dict[str, str] = {}
    gcp = spec.clouds.gcp
    if "gcp" in linked and gcp is not None and gcp.private_google_apis is not None:
        zones = {"googleapis.com": gcp.private_google_apis.address}
    from mcai.topology.links_into_aws import aws_inbound

    inbound, inbound_resources = aws_inbound(ctx)
    if not forward and not zones and not inbound:
        return
    resources = []
    if forward:
        resources += [Resource("aws_security_group", "this"), Resource("aws_route53_resolver_endpoint", "this[0]")]
        for zone in sorted(forward):
            resources += [Resource("aws_route53_resolver_rule", f'this["{zone}"]'),
                          Resource("aws_route53_resolver_rule_association", f'this["{zone}"]')]
    for zone in sorted(zones):
        resources += [Resource("aws_route53_zone", f'this["{zone}"]'), Resource("aws_route53_record", f'apex["{zone}"]'),
                      Resource("aws_route53_record", f'wildcard["{zone}"]')]
    if not forward:
        resources.insert(0, Resource("aws_security_group", "this"))
    resources += inbound_resources
    add = ctx.stacks["aws"]
    switches: dict[str, Any] = {}
    if forward:
        switches["forward_enabled"] = dns_switch(ctx, "aws", dns_link(spec, "azure"), "azure", AZURE_DNS_SWITCH,
                                                 ", ".join(sorted(forward)), "the Azure DNS Private Resolver")
    if zones:
        switches["private_zones_enabled"] = dns_switch(ctx, "aws", dns_link(spec, "gcp"), "gcp", GOOGLE_DNS_SWITCH,
                                                       "googleapis.com",
                                                       "the Private Service Connect endpoint for Google APIs")
    share = shared_rules(spec) if forward else {}
    if share:
        resources += [Resource("aws_ram_resource_share", "rules[0]")]
        resources += [Resource("aws_ram_resource_association", f'rules["{zone}"]') for zone in sorted(forward)]
        resources += [Resource("aws_ram_principal_association", f'rules["{a}"]')
                      for a in share["share_with_account_ids"]]
        add.outputs.append(Output(RULES_HAND_OVER, Expr("module.link_dns.resolver_rule_ids"),
                                  "Forwarding rule id per Azure private zone, shared through AWS RAM: the input "
                                  f"{RULES_HAND_OVER} of the other AWS accounts' stacks (empty until forwarding is on)."))
    add.modules.append(ModuleCall(
        label="link_dns", module="aws-dns-forwarding",
        purpose="Private names of the other clouds resolve from the VPC: Azure private DNS zones forwarded to the "
                "Azure resolver, Google APIs answered with the Private Service Connect address",
        inputs={"name": ctx.prefix, "vpc_id": vpc, "subnet_ids": subnets, "forward": forward,
                "private_zones": zones, **switches, **inbound, **share},
        resources=tuple(resources), spec_path=("links",)))
    from mcai.topology.links_transit import other_accounts

    other_accounts(ctx, forward, zones)


def derive_links(vspec: ValidSpec, namer: Namer) -> tuple[dict[str, Additions], tuple[LinkFacts, ...]]:
    """Additions per stack and the link facts; empty without links."""
    spec = vspec.spec
    if not spec.links:
        return {}, ()
    from mcai.topology import links_peers

    ctx = LinkContext(vspec, namer, plan(spec))
    aws_end(ctx)
    links_peers.azure_end(ctx)
    links_peers.gcp_end(ctx)
    ctx.number_steps()
    hub = on_transit_gateway(spec)
    return ctx.stacks, tuple(facts(link, i, ctx.plan, hub) for i, link in enumerate(spec.links))
