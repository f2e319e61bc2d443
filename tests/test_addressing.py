"""The address allocator and plan: deterministic, collision-free, honouring fixed ranges and pools."""

from __future__ import annotations

from ipaddress import IPv4Network
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from mcai.topology.addressing import (
    AWS_RESERVED,
    AZURE_APIPA,
    AZURE_SUBNETS,
    EXPRESSROUTE_POOL,
    LINK_LOCAL,
    RangeRequest,
    allocate,
    carve,
    plan,
)


def _spec(clouds: dict[str, str | None], links: list[SimpleNamespace]) -> SimpleNamespace:
    ns = {c: SimpleNamespace(network=SimpleNamespace(cidr=cidr)) for c, cidr in clouds.items()}
    return SimpleNamespace(clouds=SimpleNamespace(**{c: ns.get(c) for c in ("aws", "azure", "gcp")}),
                           links=tuple(links))


def _link(between, via, fallback="ha_vpn", ic_type="partner", er_ranges=None, dx_range=None):
    return SimpleNamespace(
        between=tuple(between), via=via, fallback=SimpleNamespace(via=fallback),
        expressroute=SimpleNamespace(peering_ranges=er_ranges) if via == "expressroute" else None,
        interconnect=SimpleNamespace(type=ic_type) if via == "interconnect" else None,
        direct_connect=SimpleNamespace(peering_range=dx_range))


def _all_disjoint(nets: list[IPv4Network]) -> bool:
    ordered = sorted(nets)
    return all(not a.overlaps(b) for a, b in zip(ordered, ordered[1:]))


def test_azure_subnets_sit_at_fixed_offsets():
    carved = carve("10.20.0.0/16", AZURE_SUBNETS)
    assert {k: str(v) for k, v in carved.items()} == {
        "private_endpoints": "10.20.0.0/26", "gateway": "10.20.0.64/27", "dns_resolver_inbound": "10.20.0.96/28",
        "dns_resolver_outbound": "10.20.0.112/28"}
    assert carve("10.20.0.0/26", AZURE_SUBNETS) is None
    assert carve("10.20.0.0/25", AZURE_SUBNETS) is not None  # the documented minimum still fits every subnet


def test_production_pattern_plan():
    spec = _spec({"aws": "10.10.0.0/16", "azure": "10.20.0.0/16", "gcp": "10.30.0.0/16"},
                 [_link(["aws", "azure"], "expressroute"), _link(["aws", "gcp"], "ha_vpn")])
    p = plan(spec)
    assert p.problems == ()
    assert p.ranges["links.0.expressroute.primary"] == "192.168.255.0/30"
    assert p.ranges["links.0.expressroute.secondary"] == "192.168.255.4/30"
    # Azure tunnels: first tunnel of each connection from 169.254.21.0/24, second from 169.254.22.0/24
    assert p.ranges["links.0.vpn.0.1"] == "169.254.21.0/30" and p.ranges["links.0.vpn.1.1"] == "169.254.21.4/30"
    assert p.ranges["links.0.vpn.0.2"] == "169.254.22.0/30"
    # AWS rejects the tunnel range 169.254.0.0/30 (and five more): allocation starts after it
    assert p.ranges["links.0.direct_connect"] == "169.254.0.4/30"
    assert p.ranges["links.1.vpn.0.1"] == "169.254.0.8/30"
    assert p.host("links.1.vpn.0.1", 1) == "169.254.0.9"


def test_overlap_names_both_clouds_and_the_shared_range():
    p = plan(_spec({"aws": "10.0.0.0/8", "azure": "10.20.0.0/16"}, [_link(["aws", "azure"], "ha_vpn")]))
    assert p.problems == ((("clouds", "azure", "network", "cidr"),
                           "10.20.0.0/16 (azure) overlaps 10.0.0.0/8 (aws) in 10.20.0.0/16: clouds joined by private "
                           "links need distinct ranges (traffic between them is routed, not translated)"),)


def test_fixed_ranges_win_and_collisions_are_reported():
    spec = _spec({"aws": "10.10.0.0/16", "azure": "10.20.0.0/16"},
                 [_link(["aws", "azure"], "expressroute", er_ranges=("192.168.255.4/30", "192.168.255.4/30"),
                        dx_range="10.10.0.0/30")])
    p = plan(spec)
    assert p.ranges["links.0.expressroute.primary"] == "192.168.255.4/30"
    messages = [m for _, m in p.problems]
    assert "192.168.255.4/30 overlaps the range of links.0.expressroute.primary; peering ranges must not collide" \
        in messages
    assert any(m.startswith("10.10.0.0/30 overlaps the aws network 10.10.0.0/16") for m in messages)


def test_pool_inside_a_cloud_network_is_never_used():
    p = plan(_spec({"aws": "10.10.0.0/16", "azure": "192.168.255.0/25"}, [_link(["aws", "azure"], "expressroute")]))
    assert p.problems == ()
    assert p.ranges["links.0.expressroute.primary"] == "192.168.255.128/30"
    full = plan(_spec({"aws": "10.10.0.0/16", "azure": "192.168.0.0/16"}, [_link(["aws", "azure"], "expressroute")]))
    assert full.problems[0] == (("links", 0, "expressroute", "peering_ranges", 0),
                                "no free /30 left in 192.168.255.0/24 for links.0.expressroute.primary; set the "
                                "range explicitly")


def test_exhausted_pool_is_a_problem_not_a_crash():
    reqs = [RangeRequest(f"r{i}", 30, (IPv4Network("169.254.21.0/29"),)) for i in range(3)]
    ranges, problems = allocate(reqs)
    assert len(ranges) == 2 and problems == [((), "no free /30 left in 169.254.21.0/29 for r2; set the range "
                                                   "explicitly")]


# -- property: many random plans ---------------------------------------------------------------------------------
OCTETS = st.integers(min_value=0, max_value=255)
LINKS = st.lists(st.sampled_from([("aws", "azure", "expressroute"), ("aws", "azure", "ha_vpn"),
                                  ("aws", "gcp", "ha_vpn"), ("aws", "gcp", "interconnect")]), max_size=10)


@settings(max_examples=300, deadline=None)
@given(a=OCTETS, b=OCTETS, c=OCTETS, links=LINKS, fallback=st.lists(st.booleans(), min_size=10, max_size=10),
       dedicated=st.booleans())
def test_random_plans_are_deterministic_and_collision_free(a, b, c, links, fallback, dedicated):
    clouds = {"aws": f"10.{a}.0.0/16", "azure": f"172.16.{b}.0/24", "gcp": f"10.{c}.0.0/16" if c != a else None}
    spec_links = [_link([x, y], via, "ha_vpn" if fallback[i] else "none", "dedicated" if dedicated else "partner")
                  for i, (x, y, via) in enumerate(links)]
    first, second = plan(_spec(clouds, spec_links)), plan(_spec(clouds, spec_links))
    assert first == second
    assert first.problems == ()
    nets = {k: IPv4Network(v) for k, v in first.ranges.items()}
    assert _all_disjoint(list(nets.values()))
    for key, net in nets.items():
        assert not any(net.overlaps(IPv4Network(cidr)) for cidr in first.clouds.values())
        if ".vpn." in key:
            assert net.prefixlen == 30 and not any(net.overlaps(r) for r in AWS_RESERVED)
            i = int(key.split(".")[1])
            if "azure" in links[i][:2]:
                assert net.subnet_of(AZURE_APIPA[int(key[-1]) - 1])
            else:
                assert net.subnet_of(LINK_LOCAL)
        elif ".expressroute." in key:
            assert net.subnet_of(EXPRESSROUTE_POOL)
        else:
            assert net.subnet_of(LINK_LOCAL)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 255), st.sampled_from([29, 30]), st.booleans()), max_size=40))
def test_allocate_honours_fixed_ranges_and_never_collides(items):
    reqs = []
    for i, (octet, prefixlen, fixed) in enumerate(items):
        net = IPv4Network(f"169.254.{octet}.0/{prefixlen}")
        reqs.append(RangeRequest(f"r{i}", prefixlen, (LINK_LOCAL,), net if fixed else None))
    ranges, problems = allocate(reqs, AWS_RESERVED)
    assert (ranges, problems) == allocate(reqs, AWS_RESERVED)
    assert _all_disjoint(list(ranges.values()) + list(AWS_RESERVED))
    for r in reqs:
        if r.fixed is not None and r.key in ranges:
            assert ranges[r.key] == r.fixed
    assert len(ranges) + len(problems) == len(reqs)
