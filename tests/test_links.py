"""Private links: value rules, derived module calls on both ends, manual steps in apply order, findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcai.diagnostics import SpecError
from mcai.findings import run as run_findings
from mcai.spec import load_spec, parse_spec
from mcai.topology import derive

ROOT = Path(__file__).resolve().parents[1]
BASE = """version: 1
name: estate
environment: prod
control_plane: aws
clouds:
  aws: {account_id: "111122223333", region: us-east-1, network: {cidr: 10.10.0.0/16}}
  azure:
    subscription_id: 00000000-0000-0000-0000-000000000000
    tenant_id: 11111111-1111-1111-1111-111111111111
    location: eastus2
    network: {cidr: 10.20.0.0/16}
  gcp: {project_id: acme-ai-prod, project_number: "123456789012", region: us-east4,
        network: {cidr: 10.30.0.0/16, name: ai-vpc}}
links:
"""
ER = """  - between: [aws, azure]
    via: expressroute
    bandwidth_mbps: 1000
    colocation: {partner: Equinix, dx_location: EqDC2, peering_location: Washington DC}
"""


def _problems(links: str) -> list[str]:
    with pytest.raises(SpecError) as err:
        parse_spec(BASE + links, "t.yaml")
    return [f"{'.'.join(str(p) for p in d.path)}: {d.message}" for d in err.value.diagnostics]


def test_direct_connect_bandwidth_is_case_sensitive():
    assert _problems(ER + "    direct_connect: {bandwidth: 1gbps}\n") == [
        "links.0.direct_connect.bandwidth: a hosted Direct Connect connection is one of 50Mbps, 100Mbps, 200Mbps, "
        "300Mbps, 400Mbps, 500Mbps, 1Gbps, 2Gbps, 5Gbps, 10Gbps or 25Gbps (got '1gbps'); did you mean '1Gbps' "
        "(case-sensitive)?"]


def test_local_tier_and_unlimited_to_metered():
    got = _problems(ER + "    expressroute: {tier: local, family: metered, previous_family: unlimited}\n")
    assert got == ["links.0.expressroute.tier: the local tier is offered only at 1000 Mbps or more with family: "
                   "unlimited",
                   "links.0.expressroute.family: an unlimited circuit cannot go back to metered (Azure allows only "
                   "metered -> unlimited); keep unlimited or order a new circuit"]


def test_dedicated_needs_an_interconnect_and_partner_needs_16550():
    dedicated = """  - between: [aws, gcp]
    via: interconnect
    bandwidth_mbps: 1000
    colocation: {partner: Megaport, dx_location: EqDC2}
    interconnect: {type: dedicated}
"""
    assert _problems(dedicated) == ["links.0.interconnect: a dedicated attachment needs 'interconnect' (the name of "
                                    "the Interconnect it rides on)"]
    partner = dedicated.replace("type: dedicated", "type: partner, router_asn: 64600")
    assert _problems(partner) == ["links.0.interconnect.router_asn: Partner Interconnect needs Google's ASN 16550 on "
                                  "the Cloud Router (got 64600)"]


def test_path_type_joins_the_right_clouds_and_asns_agree():
    got = _problems("""  - between: [azure, gcp]
    via: interconnect
    bandwidth_mbps: 1000
    colocation: {partner: Equinix, dx_location: EqDC2}
  - between: [aws, gcp]
    via: ha_vpn
    asns: {aws: 64600}
  - between: [aws, azure]
    via: ha_vpn
""")
    assert got == ["links.0.via: 'interconnect' joins aws-gcp, not azure-gcp; Azure and GCP meet over 'via: "
                   "expressroute' (ExpressRoute <-> Partner Interconnect at a shared colocation) or 'via: ha_vpn'",
                   "links.0.colocation.dx_location: an Azure <-> GCP link has no Direct Connect end; remove "
                   "'dx_location'",
                   "links.2.asns.aws: aws ASN 64512 differs from 64600 on links[1]; each cloud has one gateway ASN"]


@pytest.fixture(scope="module")
def production():
    vspec = load_spec(ROOT / "examples" / "production-pattern.yaml")
    return vspec, derive(vspec)


def test_both_ends_of_every_link_are_rendered(production):
    _, topo = production
    aws, azure, gcp = (topo.stack(n) for n in ("aws", "azure", "gcp"))
    assert {"link_gateway", "link_azure_direct_connect", "link_azure_vpn", "link_gcp_vpn", "link_dns"} <= \
        {m.label for m in aws.modules}
    assert {"link_network", "link_aws_expressroute", "link_aws_vpn"} <= {m.label for m in azure.modules}
    assert "link_aws_vpn" in {m.label for m in gcp.modules}
    services = next(m for m in gcp.modules if m.label == "project_services").inputs["services"]
    assert "compute.googleapis.com" in services


def test_dns_forwards_azure_zones_to_the_resolvers_static_address(production):
    _, topo = production
    network = next(m for m in topo.stack("azure").modules if m.label == "link_network")
    address = network.inputs["dns_resolver"]["inbound_address"]
    assert address == "10.20.0.100" and network.inputs["gateway_subnet"] == "10.20.0.64/27"
    dns = next(m for m in topo.stack("aws").modules if m.label == "link_dns")
    assert dns.inputs["forward"] == {z: [address] for z in (
        "openai.azure.com", "privatelink.cognitiveservices.azure.com", "privatelink.openai.azure.com")}


def test_vpn_ends_agree_on_tunnels_and_keys_are_sensitive_inputs(production):
    _, topo = production
    aws_vpn = next(m for m in topo.stack("aws").modules if m.label == "link_azure_vpn")
    azure_vpn = next(m for m in topo.stack("azure").modules if m.label == "link_aws_vpn")
    assert aws_vpn.inputs["tunnel_inside_cidrs"]["1"] == ["169.254.21.4/30", "169.254.22.4/30"]
    assert azure_vpn.inputs["apipa_addresses"]["1"] == ["169.254.21.6", "169.254.22.6"]
    keys = [v for s in topo.stacks for v in s.variables if "preshared" in v.name]
    assert len(keys) == 4 and all(v.sensitive and v.required for v in keys)
    # One key per tunnel (issue 13, item 6): a map keyed like the tunnels on every end, never one shared string.
    assert {v.type for v in keys} == {"map(string)"}
    assert aws_vpn.inputs["preshared_keys"] and "preshared_key" not in aws_vpn.inputs


def test_manual_steps_are_numbered_in_apply_order(production):
    _, topo = production
    steps = sorted(s for st in topo.stacks for s in st.manual_steps if s.startswith("links[0]"))
    texts = {int(s.split("step ")[1].split(" ")[0]): s for s in steps}
    assert sorted(texts) == [1, 2, 3, 4, 5, 6, 7]
    assert "service key" in texts[1] and "hosted connection" in texts[2] and "Provisioned" in texts[3]
    assert "DNS hand-over" in texts[7], "private names are switched on last, once the link carries traffic"


def test_link_facts_for_report_and_cost(production):
    _, topo = production
    er, vpn = topo.links
    assert (er.via, er.bandwidth_mbps, er.latency_class, er.fallback) == \
        ("expressroute", 1000, "private metro: 2-5 ms", "ha_vpn")
    assert "ExpressRoute circuit" in er.fixed_monthly_components
    assert vpn.latency_class == "internet transit: 20-50 ms"
    assert dict(er.ranges)["expressroute.primary"] == "192.168.255.0/30"


def test_link_without_fallback_is_a_finding():
    text = (ROOT / "examples" / "gcp-aws-interconnect.yaml").read_text()
    assert "fallback:" not in text
    vspec = parse_spec(text.replace("    direct_connect:", "    fallback: {via: none}\n    direct_connect:"), "t.yaml")
    found = [f for f in run_findings(vspec, derive(vspec)) if f.id == "link-no-fallback"]
    assert len(found) == 1 and found[0].severity == "warning" and found[0].spec_path == "links[0].fallback.via"
    default = load_spec(ROOT / "examples" / "gcp-aws-interconnect.yaml")
    assert not [f for f in run_findings(default, derive(default)) if f.id == "link-no-fallback"]
    assert not any(m.module == "gcp-ha-vpn" for m in derive(vspec).stack("gcp").modules)
