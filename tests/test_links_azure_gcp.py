"""Azure <-> GCP HA VPN: both ends, an address plan fixed by the link's identity, one Azure VPN gateway per VNet,
keys only as sensitive inputs, and the link's fixed fees in the estimate."""

from __future__ import annotations

from test_links import BASE, ROOT

from mcai.cost import estimate_spec
from mcai.pipeline import generate
from mcai.spec import load_spec, parse_spec
from mcai.topology import derive
from mcai.topology.addressing import plan

AZURE_GCP = "  - between: [gcp, azure]\n    via: ha_vpn\n"
AWS_AZURE = "  - between: [aws, azure]\n    via: ha_vpn\n"
AWS_GCP = "  - between: [aws, gcp]\n    via: ha_vpn\n"


def _topology(links: str):
    return derive(parse_spec(BASE + links, "t.yaml"))


def _call(topology, stack: str, label: str):
    return next((m for m in topology.stack(stack).modules if m.label == label), None)


def test_both_ends_agree_on_bgp_and_nothing_lands_on_aws():
    topo = _topology(AZURE_GCP)
    gcp, azure = _call(topo, "gcp", "link_azure_vpn"), _call(topo, "azure", "link_gcp_vpn")
    assert gcp.module == "gcp-ha-vpn" and azure.module == "azure-vpn"
    bgp = gcp.inputs["azure_peer"]["bgp_addresses"]
    assert bgp == azure.inputs["gcp_peer"]["bgp_addresses"] == {
        "0": {"gcp": "169.254.21.254", "azure": "169.254.21.253"},
        "1": {"gcp": "169.254.22.254", "azure": "169.254.22.253"}}
    assert gcp.inputs["azure_peer"]["asn"] == azure.inputs["asn"] == 65515
    assert azure.inputs["gcp_peer"]["asn"] == gcp.inputs["asn"] == 64514
    assert not [m for m in topo.stack("aws").modules if m.label.startswith("link_")]
    assert not {"vpc_id", "private_subnet_ids"} & {v.name for v in topo.stack("aws").variables}
    steps = [s for s in topo.stack("azure").manual_steps + topo.stack("gcp").manual_steps if "HA VPN to" in s]
    assert len(steps) == 2 and all("links[0] gcp-azure" in s for s in steps)


def test_keys_are_sensitive_required_inputs_and_never_outputs():
    topo = _topology(AZURE_GCP)
    for stack, name in (("azure", "gcp_vpn_preshared_keys"), ("gcp", "azure_vpn_preshared_keys")):
        var = next(v for v in topo.stack(stack).variables if v.name == name)
        assert var.sensitive and var.required and var.default is None
        assert not [o for o in topo.stack(stack).outputs if "preshared" in str(o.value)]


def test_address_plan_is_fixed_by_link_identity():
    alone = plan(parse_spec(BASE + AZURE_GCP, "t.yaml").spec).ranges
    crowded = plan(parse_spec(BASE + AWS_AZURE + AWS_GCP + AZURE_GCP, "t.yaml").spec).ranges
    assert [alone["links.0.vpn.0"], alone["links.0.vpn.1"]] == [crowded["links.2.vpn.0"], crowded["links.2.vpn.1"]] \
        == ["169.254.21.252/30", "169.254.22.252/30"]
    others = {v for k, v in crowded.items() if not k.startswith("links.2.")}
    assert len(others) == 8 and not others & {"169.254.21.252/30", "169.254.22.252/30"}


def test_one_vpn_gateway_per_vnet_when_aws_is_linked_too():
    topo = _topology(AWS_AZURE + AZURE_GCP)
    labels = [m.label for m in topo.stack("azure").modules]
    assert "link_gcp_vpn" not in labels
    shared = _call(topo, "azure", "link_aws_vpn")
    assert shared.inputs["gcp_peer"]["bgp_addresses"]["0"]["azure"] == "169.254.21.253"
    assert _call(topo, "gcp", "link_azure_vpn") is not None and _call(topo, "gcp", "link_aws_vpn") is None


def test_gcp_primary_prices_the_link_or_says_not_found():
    vspec, topology, _ = generate(ROOT / "examples" / "gcp-primary.yaml")
    assert {m.label for m in topology.stack("gcp").modules} >= {"link_azure_vpn"}
    lines = [line for line in estimate_spec(vspec).lines if line.category == "link"]
    # ExpressRoute <-> Partner Interconnect with the HA VPN as fallback: every fixed fee of both paths, never $0
    assert {line.id for line in lines} == {
        "link.0.ha_vpn.tunnel", "link.0.vpn_gateway.azure", "link.0.expressroute.circuit_1g",
        "link.0.expressroute.gateway", "link.0.interconnect.partner_attachment_1g", "dns.azure.inbound_endpoint",
        "dns.azure.outbound_endpoint"}
    assert all((line.cost is None and line.status == "price_not_found") or line.cost.low > 0 for line in lines), lines
    assert {line.cloud for line in lines} == {"gcp", "azure"}


def test_the_shared_gateway_is_priced_once():
    lines = estimate_spec(parse_spec(BASE + AWS_AZURE + AZURE_GCP, "t.yaml")).lines
    assert [line.id for line in lines if line.id.endswith("vpn_gateway.azure")] == ["link.0.vpn_gateway.azure"]


def test_example_spec_loads():
    link = load_spec(ROOT / "examples" / "gcp-primary.yaml").spec.links[0]
    assert (link.via, link.fallback.via) == ("expressroute", "ha_vpn")


def test_adding_or_removing_the_aws_vpn_moves_the_azure_gateway_never_replaces_it(tmp_path):
    """The VNet's one VPN gateway changes module call when an AWS <-> Azure VPN comes or goes; a `moved` block keeps
    it (no downtime, same public IPs for both peers), so the baseline comparison shows no destroy of it either way."""
    import json

    from mcai.baseline.diff import compare
    from mcai.render import MANIFEST

    def records(links: str):
        spec = tmp_path / "spec.yaml"
        spec.write_text(BASE + links)
        manifest = json.loads(generate(spec)[2][MANIFEST])
        return manifest["resources"], manifest["moved"]

    alone, alone_moved = records(AZURE_GCP)
    shared, shared_moved = records(AZURE_GCP + AWS_AZURE)
    gateway = "module.{}.azurerm_virtual_network_gateway.this"
    assert gateway.format("link_gcp_vpn") in alone["azure"] and gateway.format("link_aws_vpn") in shared["azure"]
    for before, after, moved in ((alone, shared, shared_moved), (shared, alone, alone_moved)):
        changes = compare(before, after, moved)
        kept = [c for c in changes if "azurerm_virtual_network_gateway." in c.address or "azurerm_public_ip." in c.address]
        assert kept and {c.action for c in kept} == {"change"}, kept  # updated in place (the other peer's settings)
        assert not [c for c in changes if c.stack == "azure" and c.action in ("destroy", "replace")
                    and '.gcp["' in c.address], "the GCP peer's tunnels stay too"
    assert {c.action for c in compare(alone, shared, {})
            if "azurerm_virtual_network_gateway." in c.address} == {"create", "destroy"}, "without the move"
