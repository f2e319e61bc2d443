"""Link cost lines follow what mcai renders for the link: hosted vs dedicated ports, partner attachments, fallback."""

from __future__ import annotations

from mcai.cost.catalog import default_catalog as load_default
from mcai.cost.estimate import _link_lines, link_components
from mcai.cost.inputs import LinkInput


def test_expressroute_over_hosted_dx_with_vpn_fallback() -> None:
    link = LinkInput(0, ("aws", "azure"), "expressroute", 1000, ("links", 0), dx_connection="hosted",
                     dx_bandwidth="1Gbps", vpn_fallback=True)
    assert [c[0] for c in link_components(link)] == [
        "link.direct_connect.hosted_1g", "link.expressroute.circuit_1g", "link.expressroute.gateway",
        "link.site_to_site_vpn.connection"]


def test_partner_interconnect_has_no_port_and_one_attachment_per_domain() -> None:
    link = LinkInput(1, ("gcp", "aws"), "interconnect", 500, ("links", 1), dx_connection="hosted",
                     dx_bandwidth="500Mbps", interconnect_type="partner", attachments=2)
    components = link_components(link)
    assert ("link.interconnect.partner_attachment_500m", "Partner Interconnect VLAN attachment", 2) in components
    assert not any("interconnect.port" in c[0] for c in components)


def test_unknown_bandwidth_is_said_not_printed_as_none() -> None:
    link = LinkInput(0, ("aws", "gcp"), "interconnect", None, ("links", 0), interconnect_type="dedicated")
    lines = _link_lines(link, load_default())
    assert all("None" not in line.description for line in lines)
    assert any(line.price is None for line in lines), "an unset bandwidth finds no price: never a guess"


def test_article_circuit_price_is_shown_with_its_source() -> None:
    link = LinkInput(0, ("aws", "azure"), "expressroute", 1000, ("links", 0), dx_connection="dedicated",
                     dx_bandwidth="1Gbps")
    lines = {line.id: line for line in _link_lines(link, load_default())}
    circuit = lines["link.0.expressroute.circuit_1g"]
    assert circuit.cost is not None and str(circuit.cost.low) in ("1750", "1750.00")
    assert "Seed article" in circuit.price.source
    port = lines["link.0.direct_connect.port_1g"]
    assert port.cost is not None and port.cost.low == 219  # $0.30/h x 730 h
