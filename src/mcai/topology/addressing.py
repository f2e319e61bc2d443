"""The address plan of an estate with private links: pure and deterministic (same spec, same plan).

Three things are decided here, before anything is rendered:
- each cloud's network is carved into the subnets links need (Azure: private endpoints, `GatewaySubnet`, the DNS
  resolver's inbound and outbound subnets; AWS: suggested endpoint subnets), at fixed offsets so that adding a link never moves
  an existing subnet;
- every BGP session gets its own /30 (or /29) without collision: VPN tunnels and Direct Connect interfaces from
  link-local space (AWS refuses a few ranges; Azure VPN gateways accept only 169.254.21.0-169.254.22.255),
  ExpressRoute peerings from a private pool, ranges the spec fixes are honoured first;
- cloud ranges must not overlap each other or any peering range: traffic between them is routed, not NATed.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from ipaddress import IPv4Network
from typing import Any

from mcai.diagnostics import Path

LINK_LOCAL = IPv4Network("169.254.0.0/16")
# AWS site-to-site VPN rejects these tunnel inside CIDRs.
AWS_RESERVED = tuple(IPv4Network(f"169.254.{i}.0/30") for i in range(6)) + (IPv4Network("169.254.169.252/30"),)
# Azure VPN gateways take custom (APIPA) BGP addresses only from 169.254.21.0 - 169.254.22.255.
AZURE_APIPA = (IPv4Network("169.254.21.0/24"), IPv4Network("169.254.22.0/24"))
# ExpressRoute private peering /30s: a private pool by default (the spec may fix its own ranges).
EXPRESSROUTE_POOL = IPv4Network("192.168.255.0/24")
# Azure <-> GCP HA VPN: one tunnel per GCP interface / Azure instance, BGP on a /30 fixed by the link's identity
# (the cloud pair; one link per pair), the top of each APIPA /24: adding or removing any other link never moves it,
# and the AWS <-> Azure tunnels, allocated from the bottom of the same /24s, never reach it.
AZURE_GCP_TUNNELS = (IPv4Network("169.254.21.252/30"), IPv4Network("169.254.22.252/30"))
VPN_INTERFACES = ("0", "1")
TUNNELS = ("1", "2")


@dataclass(frozen=True)
class RangeRequest:
    """One range to allocate: `fixed` when the spec gives it, else the first free one in `pools` (in order)."""

    key: str
    prefixlen: int
    pools: tuple[IPv4Network, ...]
    fixed: IPv4Network | None = None
    path: Path = ()


@dataclass
class Allocator:
    """Collision-free allocation over sorted, disjoint integer intervals; `reserved` is never handed out."""

    reserved: Sequence[IPv4Network] = ()
    _starts: list[int] = field(default_factory=list)
    _ends: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for net in self.reserved:
            self._take(net)

    def free(self, net: IPv4Network) -> bool:
        start, end = int(net.network_address), int(net.broadcast_address)
        i = bisect.bisect_right(self._starts, end)
        return i == 0 or self._ends[i - 1] < start

    def _take(self, net: IPv4Network) -> None:
        # Reserved ranges may overlap each other: merge into the interval list.
        start, end = int(net.network_address), int(net.broadcast_address)
        i = bisect.bisect_left(self._starts, start)
        if i > 0 and self._ends[i - 1] >= start - 1:
            i -= 1
            start = min(start, self._starts[i])
        j = i
        while j < len(self._starts) and self._starts[j] <= end + 1:
            end = max(end, self._ends[j])
            j += 1
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def take(self, net: IPv4Network) -> bool:
        if not self.free(net):
            return False
        self._take(net)
        return True

    def first_free(self, pools: Iterable[IPv4Network], prefixlen: int) -> IPv4Network | None:
        size = 1 << (32 - prefixlen)
        for pool in pools:
            address, last = int(pool.network_address), int(pool.broadcast_address)
            while address + size - 1 <= last:
                i = bisect.bisect_right(self._starts, address + size - 1)
                if i > 0 and self._ends[i - 1] >= address:
                    # skip past the blocking interval, keeping alignment
                    address = ((self._ends[i - 1] + 1 + size - 1) // size) * size
                    continue
                net = IPv4Network((address, prefixlen))
                self._take(net)
                return net
        return None


def allocate(requests: Sequence[RangeRequest], reserved: Sequence[IPv4Network] = ()
             ) -> tuple[dict[str, IPv4Network], list[tuple[Path, str]]]:
    """Fixed ranges first (each must be free), then the others in request order. Deterministic."""
    alloc = Allocator(reserved)
    out: dict[str, IPv4Network] = {}
    problems: list[tuple[Path, str]] = []
    owner: dict[IPv4Network, str] = {}
    for r in requests:
        if r.fixed is None:
            continue
        if not alloc.take(r.fixed):
            clash = next((k for n, k in owner.items() if n.overlaps(r.fixed)), None)
            what = f"the range of {clash}" if clash else "a cloud network or a reserved range"
            problems.append((r.path, f"{r.fixed} overlaps {what}; peering ranges must not collide"))
            continue
        owner[r.fixed] = r.key
        out[r.key] = r.fixed
    for r in requests:
        if r.fixed is not None:
            continue
        net = alloc.first_free(r.pools, r.prefixlen)
        if net is None:
            pools = ", ".join(str(p) for p in r.pools)
            problems.append((r.path, f"no free /{r.prefixlen} left in {pools} for {r.key}; set the range explicitly"))
            continue
        out[r.key] = net
    return out, problems


# -- cloud subnets ---------------------------------------------------------------------------------------------------
# name -> (offset in addresses from the start of the network, prefix length); offsets never change once published.
AZURE_SUBNETS = {"private_endpoints": (0, 26), "gateway": (64, 27), "dns_resolver_inbound": (96, 28),
                 "dns_resolver_outbound": (112, 28)}
AWS_SUBNETS = {"endpoints_a": (-32, 28), "endpoints_b": (-16, 28)}  # the last two /28s (suggested only)


def carve(cidr: str, layout: dict[str, tuple[int, int]]) -> dict[str, IPv4Network] | None:
    """Fixed-offset subnets of `cidr`; None when the network is too small for the layout."""
    net = IPv4Network(cidr)
    out = {}
    for name, (offset, prefixlen) in layout.items():
        base = int(net.network_address) + offset if offset >= 0 else int(net.broadcast_address) + 1 + offset
        sub = IPv4Network((base, prefixlen))
        if prefixlen < net.prefixlen or not sub.subnet_of(net):
            return None
        out[name] = sub
    return out


# -- the plan --------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AddressPlan:
    clouds: dict[str, str]                     # cloud -> network CIDR (linked clouds with a CIDR)
    subnets: dict[str, dict[str, str]]         # cloud -> subnet name -> CIDR
    ranges: dict[str, str]                     # range key (links.<i>.<what>) -> CIDR
    problems: tuple[tuple[Path, str], ...] = ()

    def range(self, key: str) -> str:
        return self.ranges[key]

    def host(self, key: str, n: int) -> str:
        """The n-th address of a range (1 = first usable)."""
        return str(IPv4Network(self.ranges[key])[n])


def vpn_requests(i: int, peer: str) -> list[RangeRequest]:
    """Four tunnels (two VPN connections x two tunnels) between AWS and the peer cloud's two gateway interfaces."""
    out = []
    for conn in VPN_INTERFACES:
        for t in TUNNELS:
            pools = (AZURE_APIPA[int(t) - 1],) if peer == "azure" else (LINK_LOCAL,)
            out.append(RangeRequest(f"links.{i}.vpn.{conn}.{t}", 30, pools, path=("links", i, "fallback")))
    return out


def link_requests(i: int, link: Any) -> list[RangeRequest]:
    out: list[RangeRequest] = []
    path: Path = ("links", i)
    peer = next((c for c in link.between if c != "aws"), link.between[1])
    if link.via == "expressroute" and "aws" in link.between:  # Azure <-> GCP: the partner supplies them
        er = link.expressroute
        fixed = [IPv4Network(c) for c in er.peering_ranges] if er and er.peering_ranges else [None, None]
        for n, name in enumerate(("primary", "secondary")):
            out.append(RangeRequest(f"links.{i}.expressroute.{name}", 30, (EXPRESSROUTE_POOL,), fixed[n],
                                    path + ("expressroute", "peering_ranges", n)))
    if link.via == "interconnect":
        ic = link.interconnect
        if ic is not None and ic.type != "partner":
            out.append(RangeRequest(f"links.{i}.interconnect.0", 29, (LINK_LOCAL,), path=path + ("interconnect",)))
    if link.via in ("expressroute", "interconnect") and "aws" in link.between:
        dx = link.direct_connect
        fixed_dx = IPv4Network(dx.peering_range) if dx and dx.peering_range else None
        out.append(RangeRequest(f"links.{i}.direct_connect", 30, (LINK_LOCAL,), fixed_dx,
                                path + ("direct_connect", "peering_range")))
        if getattr(dx, "connections", 1) == 2:
            out.append(RangeRequest(f"links.{i}.direct_connect.secondary", 30, (LINK_LOCAL,),
                                    path=path + ("direct_connect", "connections")))
    if set(link.between) == {"azure", "gcp"}:
        if link.via == "ha_vpn" or link.fallback.via == "ha_vpn":
            out += [RangeRequest(f"links.{i}.vpn.{n}", 30, (), net, path) for n, net in enumerate(AZURE_GCP_TUNNELS)]
    elif link.via == "ha_vpn" or link.fallback.via == "ha_vpn":
        out += vpn_requests(i, peer)
    return out


def plan(spec: Any) -> AddressPlan:
    """The address plan of a spec (pure). Problems are (spec path, message) pairs, reported by the spec rules."""
    problems: list[tuple[Path, str]] = []
    links = tuple(spec.links)
    linked = sorted({c for link in links for c in link.between})
    clouds: dict[str, str] = {}
    for cloud in linked:
        settings = getattr(spec.clouds, cloud, None)
        cidr = settings.network.cidr if settings is not None else None
        if cidr is not None:
            clouds[cloud] = cidr
    names = sorted(clouds)
    for a_i, a in enumerate(names):
        for b in names[a_i + 1:]:
            na, nb = IPv4Network(clouds[a]), IPv4Network(clouds[b])
            if na.overlaps(nb):
                shared = nb if nb.subnet_of(na) else na
                problems.append((("clouds", b, "network", "cidr"),
                                 f"{nb} ({b}) overlaps {na} ({a}) in {shared}: clouds joined by private links need "
                                 "distinct ranges (traffic between them is routed, not translated)"))
    subnets: dict[str, dict[str, str]] = {}
    for cloud, layout in (("azure", AZURE_SUBNETS), ("aws", AWS_SUBNETS)):
        if cloud in clouds:
            carved = carve(clouds[cloud], layout)
            if carved is None:
                problems.append((("clouds", cloud, "network", "cidr"),
                                 f"{clouds[cloud]} is too small for the link subnets; use a /25 or larger"))
            else:
                subnets[cloud] = {k: str(v) for k, v in carved.items()}
    requests = [r for i, link in enumerate(links) for r in link_requests(i, link)]
    reserved = [IPv4Network(c) for c in clouds.values()] + list(AWS_RESERVED)
    for r in requests:  # a range the spec fixes inside a cloud network is an overlap the user must see
        for cloud, cidr in sorted(clouds.items()):
            if r.fixed is not None and r.fixed.overlaps(IPv4Network(cidr)):
                problems.append((r.path, f"{r.fixed} overlaps the {cloud} network {cidr}; peering ranges must lie "
                                         "outside every cloud network"))
    requests = [r for r in requests if not any(
        r.fixed is not None and r.fixed.overlaps(IPv4Network(c)) for c in clouds.values())]
    ranges, alloc_problems = allocate(requests, reserved)
    problems += alloc_problems
    return AddressPlan(clouds=clouds, subnets=subnets, ranges={k: str(v) for k, v in ranges.items()},
                       problems=tuple(problems))
