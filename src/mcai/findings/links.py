"""Findings about private links: a private link without a fallback path, and circuit choices that cannot be undone."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.findings import finding, finding_rule
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.topology.model import Topology


@finding_rule
def private_link_without_fallback(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    for i, link in enumerate(vspec.spec.links):
        if link.via != "ha_vpn" and link.fallback.via == "none":
            yield finding(vspec, "link-no-fallback", "warning",
                          f"links[{i}] {'-'.join(link.between)} ({link.via}) has no fallback path: a circuit or "
                          "partner outage cuts every cross-cloud call. Keep the default fallback (ha_vpn) unless "
                          "another path exists.", ("links", i, "fallback", "via"))


@finding_rule
def single_direct_connect_connection(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    for i, link in enumerate(vspec.spec.links):
        dx = link.direct_connect
        if link.via in ("expressroute", "interconnect") and "aws" in link.between and (
                dx is None or dx.connections == 1):
            other = "ExpressRoute's primary and secondary peerings" if link.via == "expressroute" else \
                "the Interconnect side's attachments"
            yield finding(vspec, "direct-connect-single-connection", "warning",
                          f"links[{i}] {'-'.join(link.between)}: one Direct Connect connection is a single point of "
                          f"failure on the AWS side, while {other} are redundant. Set direct_connect.connections: 2 "
                          "(a second connection on another partner device).", ("links", i))


@finding_rule
def expressroute_unlimited_is_one_way(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    for i, link in enumerate(vspec.spec.links):
        er = link.expressroute
        if link.via == "expressroute" and er is not None and er.family == "unlimited":
            yield finding(vspec, "expressroute-unlimited-one-way", "info",
                          f"links[{i}]: the circuit's unlimited data plan cannot be changed back to metered (Azure "
                          "allows only metered -> unlimited); returning means a new circuit.",
                          ("links", i, "expressroute", "family"))


@finding_rule
def transit_gateway_joins_clouds(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    """The hub's one route table holds every link attachment's routes and advertises them to every other link."""
    spec = vspec.spec
    if getattr(spec.clouds.aws, "transit_gateway", None) is None:
        return
    ends: dict[str, int] = {}
    for i, link in enumerate(spec.links):
        for peer in (c for c in link.between if "aws" in link.between and c != "aws"):
            ends.setdefault(peer, i)
    if len(ends) < 2:
        return
    direct = any(set(link.between) == set(ends) for link in spec.links)
    (a, i), (b, j) = sorted(ends.items())
    yield finding(vspec, "transit-gateway-joins-clouds", "warning",
                  f"links[{i}] (aws-{a}) and links[{j}] (aws-{b}) end on the one Transit Gateway route table, so "
                  f"the hub advertises {a}'s routes to {b} and back: {a} <-> {b} traffic crosses AWS "
                  + ("whenever their own link is down" if direct else "(no link joins them directly)")
                  + ", billed as Transit Gateway data processing and AWS egress. A separate route table for the "
                  "link attachments is not rendered yet.", ("clouds", "aws", "transit_gateway"))
