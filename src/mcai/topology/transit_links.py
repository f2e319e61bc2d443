"""Private links whose AWS end is the estate's Transit Gateway: what `links.py` (the link's AWS end in the home
account) and `transit.py` (every account's attachment, routes and DNS) both need to know. A leaf below both.

Routing, end to end (every setting is explicit in aws-transit-gateway, aws-vpn and aws-direct-connect):
- each VPN connection of a link is a Transit Gateway VPN attachment, and a Direct Connect gateway's association with
  the hub is an attachment too (its interfaces are transit virtual interfaces); each is associated with the hub's
  default route table and propagates into it (`default_route_table_association/propagation = "enable"` on the hub),
  so the routes the other cloud advertises over BGP land in the table every VPC attachment is associated with;
- every VPC attachment propagates its VPC's range into that table, and the hub advertises the table's routes to the
  other cloud over the VPN's BGP sessions (over Direct Connect: exactly the association's allowed prefixes, every
  attached account's range, `hub_prefixes`): every account's range reaches the other cloud's router;
- a VPC's route tables cannot learn routes from a Transit Gateway, so each attached VPC (the home one included)
  gets static routes sending the other cloud's ranges (`link_ranges`) to the hub;
- the four tunnels share the load (`vpn_ecmp_support`); with Direct Connect and its VPN fallback both on the hub,
  the hub prefers the Direct Connect gateway's propagated routes over the VPN's for the same prefix (AWS's route
  evaluation order), as a virtual private gateway does; the hub never advertises a route back to the peer it learned
  it from (BGP's AS-path check), so no loop.
"""

from __future__ import annotations

from ipaddress import IPv4Network
from typing import Any

from mcai.spec.accounts import accounts_of, home_of
from mcai.topology.links_context import CLOUD_DNS_FORWARDING_SOURCE

TRANSIT_GATEWAY_LABEL = "transit_gateway"
RULES_HAND_OVER = "azure_dns_rule_ids"


def hub_of(spec: Any) -> Any:
    """`clouds.aws.transit_gateway`, or None."""
    return getattr(spec.clouds.aws, "transit_gateway", None)


def aws_links(spec: Any) -> list[tuple[int, Any]]:
    return [(i, link) for i, link in enumerate(spec.links) if "aws" in link.between]


def on_transit_gateway(spec: Any) -> bool:
    """The AWS end of the links is the Transit Gateway (the spec has one and a link joins AWS)."""
    return hub_of(spec) is not None and bool(aws_links(spec))


def other_account_ids(spec: Any) -> list[str]:
    declared = spec.clouds.aws
    home = home_of(declared)
    return [s.account_id for n, s in accounts_of(declared).items() if n != home]


def hub_prefixes(spec: Any) -> list[str]:
    """What a Direct Connect gateway on the hub advertises to the colocation (its association's allowed prefixes):
    every attached account's range, in the order written ([] without a hub)."""
    if not on_transit_gateway(spec):
        return []
    return [s.network.cidr for s in accounts_of(spec.clouds.aws).values()]


def shared_rules(spec: Any) -> dict[str, Any]:
    """The aws-dns-forwarding input sharing the home VPC's forwarding rules with the other accounts ({} without)."""
    ids = other_account_ids(spec) if on_transit_gateway(spec) else []
    return {"share_with_account_ids": ids} if ids else {}


def link_ranges(spec: Any) -> list[str]:
    """The other clouds' ranges that every attached VPC routes to the hub: what their routers advertise over the
    links (the network, the Private Service Connect address for Google APIs, Cloud DNS's forwarding source when it
    forwards into AWS, an AKS cluster's own range when it calls Bedrock)."""
    if not on_transit_gateway(spec):
        return []
    from mcai.topology.links_into_aws import caller_range, callers

    calling = callers(spec)
    out: list[str] = []
    for peer in sorted({c for _, link in aws_links(spec) for c in link.between if c != "aws"}):
        settings = getattr(spec.clouds, peer)
        out.append(settings.network.cidr)
        psc = getattr(settings, "private_google_apis", None)
        if psc is not None:
            out.append(f"{psc.address}/32")
        if peer == "gcp" and "gcp" in calling:
            out.append(CLOUD_DNS_FORWARDING_SOURCE)
        aks = caller_range(spec, "azure") if peer == "azure" and "azure" in calling else None
        if aks is not None and not IPv4Network(aks).subnet_of(IPv4Network(settings.network.cidr)):
            out.append(aks)  # an AKS cluster in a VNet of its own, calling Bedrock
    return sorted(set(out), key=out.index)


def account_network(add: Any, net: Any) -> tuple[Any, Any]:
    """(vpc, subnets) of an account's VPC as its stack names them: the spec's ids, else root inputs."""
    vpc: Any = net.vpc_id or add.var("vpc_id", "string", "Id of the VPC the endpoints and the cache attach to.")
    subnets: Any = list(net.subnet_ids) or add.var(
        "private_subnet_ids", "list(string)",
        "Private subnets (one per availability zone) for interface endpoints and the cache.")
    return vpc, subnets
