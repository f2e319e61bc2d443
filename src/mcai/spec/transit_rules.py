"""Rules for private links whose AWS end is the estate's Transit Gateway (`clouds.aws.transit_gateway`): the link's
VPN connections attach to the hub, so BGP peers with the hub's ASN; its Direct Connect gateway associates with the
hub over transit virtual interfaces, whose MTU differs; every attached account's range is routed to the other cloud,
so none may overlap it."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from mcai.spec.accounts import accounts_of, home_of
from mcai.spec.models import Spec
from mcai.spec.rules import Finding, rule


@rule
def links_on_the_transit_gateway(spec: Spec) -> Iterator[Finding]:
    declared = spec.clouds.aws
    hub = getattr(declared, "transit_gateway", None)
    if hub is None:
        return
    first = True  # the links agree on one aws ASN (spec/links_rules.py): the first one says it differs from the hub
    for i, link in enumerate(spec.links):
        if "aws" not in link.between:
            continue
        path = ("links", i)
        if first and link.asns.aws != hub.amazon_side_asn:
            yield path + ("asns", "aws"), (
                f"aws ASN {link.asns.aws} differs from the Transit Gateway's {hub.amazon_side_asn}: the link ends on "
                "clouds.aws.transit_gateway, so the other cloud's BGP peer is the hub; set asns.aws to "
                f"{hub.amazon_side_asn}")
        first = False
        dx = link.direct_connect
        if link.via in ("expressroute", "interconnect") and dx is not None and dx.mtu == 9001:
            yield path + ("direct_connect", "mtu"), (
                "MTU 9001 is a private virtual interface's jumbo size; with clouds.aws.transit_gateway the link's "
                "Direct Connect gateway is associated with the hub over a transit virtual interface, which takes "
                "1500 or 8500: use 1500")
        for peer in (c for c in link.between if c != "aws"):
            peer_cidr = getattr(getattr(getattr(spec.clouds, peer, None), "network", None), "cidr", None)
            if peer_cidr is None:
                continue  # reported by the link address plan rule
            peer_net = ipaddress.IPv4Network(peer_cidr)
            for name, settings in accounts_of(declared).items():
                if name == home_of(declared):
                    continue  # the home account's network is the link's AWS network: the address plan checks it
                cidr = settings.network.cidr
                if cidr is not None and ipaddress.IPv4Network(cidr).overlaps(peer_net):
                    yield ("clouds", "aws", "accounts", name, "network", "cidr"), (
                        f"{cidr} overlaps {peer}'s network {peer_cidr}: account '{name}' reaches {peer} over "
                        f"links[{i}] through the Transit Gateway, which cannot route overlapping ranges")
