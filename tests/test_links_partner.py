"""Azure <-> GCP over ExpressRoute and Partner Interconnect at a shared colocation: both ends, Google's partner ASN,
partner-supplied values only as hand-over inputs, the HA VPN fallback behind the ExpressRoute gateway, located errors
and the link's fixed fees."""

from __future__ import annotations

from test_links import BASE, _problems
from test_links_azure_gcp import _call, _topology

from mcai.cost import estimate_spec
from mcai.spec import parse_spec
from mcai.topology import derive
from mcai.topology.addressing import plan

PARTNER = ("  - between: [gcp, azure]\n    via: expressroute\n    bandwidth_mbps: 1000\n"
           "    colocation: {partner: Megaport, peering_location: Washington DC}\n")


def test_both_ends_meet_at_the_partner_and_nothing_lands_on_aws():
    topo = _topology(PARTNER)
    er, ic = _call(topo, "azure", "link_gcp_expressroute"), _call(topo, "gcp", "link_azure_interconnect")
    assert er.module == "azure-expressroute" and ic.module == "gcp-interconnect"
    assert er.inputs["circuit"]["service_provider_name"] == "Megaport"
    assert er.inputs["circuit"]["peering_location"] == "Washington DC"
    assert er.inputs["circuit"]["bandwidth_in_mbps"] == 1000
    assert (ic.inputs["type"], ic.inputs["router_asn"], ic.inputs["edge_availability_domains"]) == (
        "PARTNER", 16550, [1, 2])
    assert ic.inputs["dedicated"] is None
    assert not [m for m in topo.stack("aws").modules if m.label.startswith("link_")]
    assert "azure_interconnect_pairing_keys" in {o.name for o in topo.stack("gcp").outputs}


def test_partner_supplied_peering_is_an_input_never_a_guess():
    spec = parse_spec(BASE + PARTNER, "t.yaml").spec
    assert not [k for k in plan(spec).ranges if k.startswith("links.0.expressroute")]  # no invented /30s
    topo = derive(parse_spec(BASE + PARTNER, "t.yaml"))
    er = _call(topo, "azure", "link_gcp_expressroute")
    assert er.inputs["circuit_provisioned"].text == "var.gcp_expressroute_private_peering != null"
    assert "var.gcp_expressroute_private_peering" in er.inputs["private_peering"].text
    assert "peer_asn = 65010" in er.inputs["private_peering"].text  # the colocation router's ASN from the spec
    var = next(v for v in topo.stack("azure").variables if v.name == "gcp_expressroute_private_peering")
    assert not var.required and var.default is None
    steps = topo.stack("azure").manual_steps + topo.stack("gcp").manual_steps
    assert any("pairing key per edge availability domain" in s and "Megaport" in s for s in steps)
    assert any("service key" in s for s in steps)
    assert any("set gcp_expressroute_private_peering" in s for s in steps)
    assert all("links[0] gcp-azure, step" in s for s in steps if "Megaport" in s)


def test_the_fallback_vpn_gateway_waits_for_the_expressroute_gateway():
    topo = _topology(PARTNER)
    vpn = _call(topo, "azure", "link_gcp_vpn")
    assert vpn is not None and vpn.depends_on == ("module.link_gcp_expressroute",)
    assert _call(topo, "gcp", "link_azure_vpn") is not None
    none = _topology(PARTNER + "    fallback: {via: none}\n")
    assert _call(none, "azure", "link_gcp_vpn") is None and _call(none, "gcp", "link_azure_vpn") is None
    assert _call(none, "azure", "link_gcp_expressroute") is not None


def test_partner_values_and_other_paths_are_refused_where_they_are_written():
    got = _problems(PARTNER.replace("Washington DC}", "Washington DC, dx_location: EqDC2}")
                    + "    expressroute: {vlan: 300, peering_ranges: [192.168.0.0/30, 192.168.0.4/30]}\n"
                    + "    interconnect: {type: dedicated, interconnect: ic-1}\n"
                    + "    direct_connect: {connection: hosted}\n")
    assert got == [
        "links.0.direct_connect: an Azure <-> GCP link has no 'direct_connect' (no AWS end)",
        "links.0.colocation.dx_location: an Azure <-> GCP link has no Direct Connect end; remove 'dx_location'",
        "links.0.expressroute.vlan: on an Azure <-> GCP link Megaport supplies the private peering's VLAN and /30s, "
        "so mcai never takes them from the spec: remove 'vlan'; the azure stack asks for them (input "
        "gcp_expressroute_private_peering) once the circuit is provisioned",
        "links.0.expressroute.peering_ranges: on an Azure <-> GCP link Megaport supplies the private peering's VLAN "
        "and /30s, so mcai never takes them from the spec: remove 'peering_ranges'; the azure stack asks for them "
        "(input gcp_expressroute_private_peering) once the circuit is provisioned",
        "links.0.interconnect.type: ExpressRoute meets GCP over Partner Interconnect: the only type here is 'partner' "
        "(the partner's router at the colocation peers with both clouds)"]


def test_google_asn_and_one_circuit_per_vnet():
    got = _problems(PARTNER + "    interconnect: {router_asn: 64600}\n"
                    "  - between: [aws, azure]\n    via: expressroute\n    bandwidth_mbps: 1000\n"
                    "    colocation: {partner: Equinix, dx_location: EqDC2, peering_location: Washington DC}\n")
    assert "links.0.interconnect.router_asn: Partner Interconnect needs Google's ASN 16550 on the Cloud Router (got " \
           "64600)" in got
    assert ("links.1.via: the VNet already takes an ExpressRoute circuit on links[0]: a VNet has one ExpressRoute "
            "gateway, and mcai renders one circuit per VNet; join this pair over 'via: ha_vpn' instead") in got


def test_missing_colocation_names_the_expressroute_location():
    got = _problems("  - between: [gcp, azure]\n    via: expressroute\n    bandwidth_mbps: 300\n")
    assert got[0] == ("links.0: an expressroute link needs 'colocation' (the partner and the ExpressRoute peering "
                      "location where the clouds meet)")
    assert any(p.startswith("links.0.bandwidth_mbps: ExpressRoute provider circuits come in") for p in got)


def test_fixed_fees_follow_what_is_rendered_never_zero():
    lines = [line for line in estimate_spec(parse_spec(BASE + PARTNER + "    fallback: {via: none}\n",
                                                       "t.yaml")).lines if line.id.startswith("link.")]
    assert {line.id for line in lines} == {"link.0.expressroute.circuit_1g", "link.0.expressroute.gateway",
                                           "link.0.interconnect.partner_attachment_1g"}
    attachments = next(line for line in lines if "partner_attachment" in line.id)
    assert attachments.cloud == "gcp" and attachments.description.startswith("2 x ")
    assert not any("direct_connect" in line.id for line in lines)
    assert all((line.cost is None and line.status == "price_not_found") or line.cost.low > 0 for line in lines)


def test_a_use_over_the_link_waits_for_the_partner_supplied_peering():
    from test_links import ROOT

    from mcai.pipeline import derive_all

    _, _, paths = derive_all(ROOT / "examples" / "gcp-primary.yaml")
    over = [p for p in paths if "links[0] (expressroute)" in p.network.description]
    assert over and all(any("partner-supplied inputs gcp_expressroute_private_peering" in r
                            for r in p.prerequisites) for p in over)


def test_dns_forwarding_rides_the_partner_link_without_a_vpn():
    """Without the HA VPN fallback the Azure <-> GCP names still resolve privately, over the partner link."""
    topo = _topology(PARTNER + "    fallback: {via: none}\n")
    dns = _call(topo, "gcp", "link_azure_dns")
    assert dns is not None and dns.spec_path == ("links", 0)
    assert dns.inputs["forward"]["openai"]["targets"] == ["10.20.0.100"]
    ic = _call(topo, "gcp", "link_azure_interconnect")
    assert "35.199.192.0/19" in ic.inputs["advertised_ranges"]  # the answers to Cloud DNS come back over the link
    assert any("set azure_dns_forwarding_enabled = true" in s for s in topo.stack("gcp").manual_steps)
