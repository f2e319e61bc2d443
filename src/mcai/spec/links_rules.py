"""Rules for `links`: which clouds a path type joins, values the clouds only check at order or apply time
(ExpressRoute bandwidths and plans, Direct Connect bandwidth strings, Interconnect attachment types, ASNs), and the
address plan (overlaps, peering ranges), so that every problem is reported by `mcai validate`."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.spec.errors import suggest
from mcai.spec.links import (
    DX_DEDICATED_BANDWIDTHS,
    DX_HOSTED_BANDWIDTHS,
    EXPRESSROUTE_MBPS,
    GOOGLE_PARTNER_ASN,
    INTERCONNECT_BANDWIDTH,
    PRIVATE_ASN_16,
    PRIVATE_ASN_32,
    Link,
)
from mcai.spec.models import Spec
from mcai.spec.rules import Finding, _undeclared, declared_clouds, rule

# The clouds each path type joins. Azure and GCP meet over HA VPN (GCP HA VPN <-> Azure VPN gateway, BGP) or over
# ExpressRoute <-> Partner Interconnect at a shared colocation (`via: expressroute`).
JOINS = {"expressroute": ({"aws", "azure"}, {"azure", "gcp"}), "interconnect": ({"aws", "gcp"},),
         "ha_vpn": ({"aws", "azure"}, {"aws", "gcp"}, {"azure", "gcp"})}
AZURE_GCP = ("; Azure and GCP meet over 'via: expressroute' (ExpressRoute <-> Partner Interconnect at a shared "
             "colocation) or 'via: ha_vpn'")
SIDE_FOR = {"expressroute": "expressroute", "interconnect": "interconnect"}


def _listing(values: tuple[object, ...]) -> str:
    text = [str(v) for v in values]
    return ", ".join(text[:-1]) + " or " + text[-1]


def is_private_asn(asn: int) -> bool:
    return PRIVATE_ASN_16[0] <= asn <= PRIVATE_ASN_16[1] or PRIVATE_ASN_32[0] <= asn <= PRIVATE_ASN_32[1]


def _links(spec: Spec) -> Iterator[tuple[int, Link]]:
    yield from enumerate(spec.links)


@rule
def links_join_declared_clouds(spec: Spec) -> Iterator[Finding]:
    seen: dict[frozenset[str], int] = {}
    for i, link in _links(spec):
        path = ("links", i, "between")
        a, b = link.between
        if a == b:
            yield path, f"a link joins two different clouds; both ends are '{a}'"
            continue
        for n, cloud in enumerate(link.between):
            if cloud not in declared_clouds(spec):
                yield path + (n,), f"link {a}-{b}: {_undeclared(cloud, spec)}"
        pair = frozenset(link.between)
        if pair not in JOINS[link.via]:
            joins = " or ".join("-".join(sorted(p)) for p in JOINS[link.via])
            yield ("links", i, "via"), f"'{link.via}' joins {joins}, not {'-'.join(sorted(pair))}" + (
                AZURE_GCP if pair == {"azure", "gcp"} else "")
        if pair in seen:
            yield path, (f"clouds {'-'.join(sorted(pair))} are already linked by links[{seen[pair]}] (its fallback "
                         "is part of that link)")
        seen.setdefault(pair, i)


@rule
def link_settings_match_the_path(spec: Spec) -> Iterator[Finding]:
    for i, link in _links(spec):
        path = ("links", i)
        azure_gcp = set(link.between) == {"azure", "gcp"}
        if azure_gcp and link.via == "expressroute" and link.direct_connect is not None:
            yield path + ("direct_connect",), "an Azure <-> GCP link has no 'direct_connect' (no AWS end)"
        for side in ("expressroute", "interconnect"):
            # ExpressRoute <-> Partner Interconnect: the GCP side's settings belong to the expressroute link
            if azure_gcp and link.via == "expressroute" and side == "interconnect":
                continue
            if getattr(link, side) is not None and link.via != side:
                yield path + (side,), f"'{side}' settings need via: {side} (this link is via {link.via})"
        if link.via == "ha_vpn":
            for key in ("direct_connect", "colocation", "bandwidth_mbps"):
                if getattr(link, key) is not None:
                    yield path + (key,), f"an ha_vpn link has no '{key}' (it runs over the internet)"
            if "fallback" in link.model_fields_set:
                yield path + ("fallback",), "an ha_vpn link is its own fallback; remove 'fallback'"
            continue
        if link.colocation is None:
            yield path, f"a {link.via} link needs 'colocation' (the partner and the Direct Connect location where " \
                        "the clouds meet)" if "aws" in link.between else (
                            "an expressroute link needs 'colocation' (the partner and the ExpressRoute peering "
                            "location where the clouds meet)")
            continue
        if "aws" in link.between and link.colocation.dx_location is None:
            yield path + ("colocation",), f"a {link.via} link to AWS needs 'dx_location' (the Direct Connect " \
                                          "location code of the colocation, e.g. EqDC2)"
        if "aws" not in link.between and link.colocation.dx_location is not None:
            yield path + ("colocation", "dx_location"), "an Azure <-> GCP link has no Direct Connect end; remove " \
                                                        "'dx_location'"
        if link.via == "expressroute" and link.colocation.peering_location is None:
            yield path + ("colocation",), "an expressroute link needs 'peering_location' (the ExpressRoute peering " \
                                          "location of the colocation, e.g. 'Washington DC')"


@rule
def expressroute_values(spec: Spec) -> Iterator[Finding]:
    for i, link in _links(spec):
        if link.via != "expressroute":
            continue
        path = ("links", i)
        er = link.expressroute
        bw = link.bandwidth_mbps
        if bw is None:
            yield path, "an expressroute link needs 'bandwidth_mbps' (the circuit bandwidth)"
        elif bw not in EXPRESSROUTE_MBPS:
            nearest = min(EXPRESSROUTE_MBPS, key=lambda v: (abs(v - bw), v))
            yield path + ("bandwidth_mbps",), (f"ExpressRoute provider circuits come in {_listing(EXPRESSROUTE_MBPS)} "
                                               f"Mbps (got {bw}; nearest: {nearest})")
        if er is not None and "aws" not in link.between:
            for key in ("vlan", "peering_ranges"):
                if getattr(er, key) is not None:
                    yield path + ("expressroute", key), (
                        f"on an Azure <-> GCP link {colocation_partner(link)} supplies the private peering's VLAN "
                        f"and /30s, so mcai never takes them from the spec: remove '{key}'; the azure stack asks "
                        "for them (input gcp_expressroute_private_peering) once the circuit is provisioned")
        if er is None:
            continue
        if er.tier == "local" and (er.family != "unlimited" or (bw is not None and bw < 1000)):
            yield path + ("expressroute", "tier"), "the local tier is offered only at 1000 Mbps or more with " \
                                                   "family: unlimited"
        if er.previous_family == "unlimited" and er.family == "metered":
            yield path + ("expressroute", "family"), "an unlimited circuit cannot go back to metered (Azure allows " \
                                                     "only metered -> unlimited); keep unlimited or order a new circuit"


def colocation_partner(link: Link) -> str:
    return link.colocation.partner if link.colocation else "the partner"


@rule
def one_expressroute_circuit_per_vnet(spec: Spec) -> Iterator[Finding]:
    circuits = [i for i, link in _links(spec) if link.via == "expressroute" and "azure" in link.between]
    for i in circuits[1:]:
        yield ("links", i, "via"), (f"the VNet already takes an ExpressRoute circuit on links[{circuits[0]}]: a VNet "
                                    "has one ExpressRoute gateway, and mcai renders one circuit per VNet; join this "
                                    "pair over 'via: ha_vpn' instead")


@rule
def direct_connect_values(spec: Spec) -> Iterator[Finding]:
    for i, link in _links(spec):
        dx = link.direct_connect
        if dx is None or link.via == "ha_vpn":
            continue
        if dx.connection == "hosted" and dx.vlan is not None:
            yield (("links", i, "direct_connect", "vlan"),
                   "the partner assigns the VLAN of a hosted connection, so mcai never takes it from the spec: "
                   "remove 'vlan'; the aws stack asks for it with the connection (input "
                   "dx_hosted_connection_<peer> = {id, vlan}) once the partner has provisioned it")
        allowed = DX_HOSTED_BANDWIDTHS if dx.connection == "hosted" else DX_DEDICATED_BANDWIDTHS
        if dx.bandwidth not in allowed:
            cased = next((v for v in allowed if v.lower() == dx.bandwidth.lower()), None)
            hint = f"; did you mean '{cased}' (case-sensitive)?" if cased else suggest(dx.bandwidth, allowed)
            yield (("links", i, "direct_connect", "bandwidth"),
                   f"a {dx.connection} Direct Connect connection is one of {_listing(allowed)} "
                   f"(got '{dx.bandwidth}'){hint}")


@rule
def interconnect_values(spec: Spec) -> Iterator[Finding]:
    for i, link in _links(spec):
        partner_only = link.via == "expressroute" and set(link.between) == {"azure", "gcp"}
        if link.via != "interconnect" and not partner_only:
            continue
        path = ("links", i, "interconnect")
        if partner_only and link.interconnect is not None and link.interconnect.type != "partner":
            yield path + ("type",), "ExpressRoute meets GCP over Partner Interconnect: the only type here is " \
                                    "'partner' (the partner's router at the colocation peers with both clouds)"
            continue
        ic = link.interconnect
        kind = ic.type if ic else "partner"
        if kind == "partner":
            if ic is not None and ic.interconnect is not None:
                yield path + ("interconnect",), "a partner attachment has no 'interconnect': it uses the partner's " \
                                                "port (remove it, or use type: dedicated)"
            if ic is not None and ic.vlan is not None:
                yield path + ("vlan",), "the partner sets the VLAN of a partner attachment; remove 'vlan'"
            if ic is not None and ic.router_asn not in (None, GOOGLE_PARTNER_ASN):
                yield path + ("router_asn",), f"Partner Interconnect needs Google's ASN {GOOGLE_PARTNER_ASN} on the " \
                                              f"Cloud Router (got {ic.router_asn})"
            if not partner_only and link.bandwidth_mbps is not None and \
                    link.bandwidth_mbps not in INTERCONNECT_BANDWIDTH:
                yield ("links", i, "bandwidth_mbps"), _attachment_bandwidth(link.bandwidth_mbps)
            continue
        assert ic is not None
        if ic.interconnect is None:
            yield path, f"a {kind} attachment needs 'interconnect' (the name of the Interconnect it rides on)"
        if "edge_availability_domains" in ic.model_fields_set:
            yield path + ("edge_availability_domains",), "edge availability domains are chosen for partner " \
                                                         "attachments only; remove it"
        if ic.router_asn is not None and not is_private_asn(ic.router_asn):
            yield path + ("router_asn",), f"the Cloud Router needs a private ASN (64512-65534 or " \
                                          f"4200000000-4294967294), got {ic.router_asn}"
        if link.bandwidth_mbps is None:
            yield ("links", i), f"a {kind} interconnect link needs 'bandwidth_mbps' (the attachment bandwidth)"
        elif link.bandwidth_mbps not in INTERCONNECT_BANDWIDTH:
            yield ("links", i, "bandwidth_mbps"), _attachment_bandwidth(link.bandwidth_mbps)


def _attachment_bandwidth(got: int) -> str:
    return f"an Interconnect attachment is one of {_listing(tuple(INTERCONNECT_BANDWIDTH))} Mbps (got {got})"


@rule
def link_asns(spec: Spec) -> Iterator[Finding]:
    first: dict[str, tuple[int, int]] = {}
    for i, link in _links(spec):
        path = ("links", i)
        used = {c: getattr(link.asns, c) for c in link.between if c in ("aws", "azure", "gcp")}
        for cloud, asn in sorted(used.items()):
            if not is_private_asn(asn) or (cloud == "aws" and not is_private_asn(asn + 1)):
                yield path + ("asns", cloud), f"{cloud} ASN {asn} is not in the private range (64512-65533 or " \
                                              "4200000000-4294967293; AWS also uses the next one)"
            if cloud in first and first[cloud][1] != asn:
                yield path + ("asns", cloud), (f"{cloud} ASN {asn} differs from {first[cloud][1]} on "
                                               f"links[{first[cloud][0]}]; each cloud has one gateway ASN")
            first.setdefault(cloud, (i, asn))
        if link.colocation is not None:
            colo = link.colocation.router_asn
            if colo in used.values() or colo in (used.get("aws", 0) + 1, GOOGLE_PARTNER_ASN):
                yield path + ("colocation", "router_asn"), f"the colocation router's ASN {colo} must differ from " \
                                                           "the clouds' ASNs (BGP peers need distinct ASNs)"
            elif not is_private_asn(colo):
                yield path + ("colocation", "router_asn"), f"ASN {colo} is not in the private range"


@rule
def link_address_plan(spec: Spec) -> Iterator[Finding]:
    if not spec.links:
        return
    declared = set(declared_clouds(spec))
    reported: set[str] = set()
    for i, link in _links(spec):
        for cloud in link.between:
            settings = getattr(spec.clouds, cloud, None)
            if cloud in declared and settings is not None and settings.network.cidr is None and cloud not in reported:
                reported.add(cloud)
                yield ("clouds", cloud, "network"), f"cloud '{cloud}' is linked (links[{i}]): give network.cidr, " \
                                                    "so mcai can route to it and check the address plan"
    if not all(c in declared for link in spec.links for c in link.between):
        return  # reported above; the plan needs every linked cloud
    from mcai.topology.addressing import plan  # lazy: topology imports the spec package

    yield from plan(spec).problems


@rule
def aks_range_fits_the_address_plan(spec: Spec) -> Iterator[Finding]:
    """An AKS cluster's `network_cidr` is routed over the links: inside the stack's VNet (a node subnet) or apart
    from every cloud network, never overlapping one."""
    from ipaddress import IPv4Network

    for name, workload in spec.workloads.items():
        cidr = getattr(workload.runs_on, "network_cidr", None)
        if cidr is None:
            continue
        own = IPv4Network(cidr)
        for cloud in declared_clouds(spec):
            other = getattr(getattr(spec.clouds, cloud), "network", None)
            if other is None or other.cidr is None or not own.overlaps(IPv4Network(other.cidr)):
                continue
            if cloud == "azure" and own.subnet_of(IPv4Network(other.cidr)):
                continue
            yield (("workloads", name, "runs_on", "network_cidr"),
                   f"{own} overlaps {cloud}'s network {other.cidr}: the cluster's range is either a subnet of the "
                   "stack's VNet or a VNet of its own apart from every cloud network (traffic is routed, not "
                   "translated)")
