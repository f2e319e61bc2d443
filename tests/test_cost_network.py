"""DNS resolver endpoints and Transit Gateway attachments are cost lines (issue 16): each follows what the links
render, priced where a source gives the price (Route 53 Resolver addresses, Transit Gateway attachments) and
otherwise "price not found" (never $0) until a catalog adds one (Azure DNS Private Resolver endpoints)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import REPO

from mcai.cost import estimate_spec
from mcai.cost.catalog import catalog_with
from mcai.spec import load_spec


def _lines(example: str, prices: Path | None = None) -> dict:  # type: ignore[type-arg]
    est = estimate_spec(load_spec(REPO / "examples" / f"{example}.yaml"), catalog_with(prices))
    return {line.id: line for line in est.lines if line.id.startswith(("dns.", "network."))}


def test_resolver_endpoints_follow_the_links_and_are_never_zero() -> None:
    lines = _lines("azure-primary")
    assert set(lines) == {"dns.aws.outbound_endpoint", "dns.aws.inbound_endpoint", "dns.azure.inbound_endpoint",
                          "dns.azure.outbound_endpoint"}
    for kind in ("inbound", "outbound"):
        azure, aws = lines[f"dns.azure.{kind}_endpoint"], lines[f"dns.aws.{kind}_endpoint"]
        assert azure.status == "price_not_found" and azure.cost is None  # no source gives it: never $0
        assert aws.status == "estimated" and aws.price.source.startswith("AWS re:Post")
        # two subnets, one address each, at USD 0.125 per address-hour
        assert aws.quantity.low == Decimal(2 * 730) and aws.cost.low == Decimal("182.500")
    # gcp-primary: no AWS link, so no Route 53 endpoint; the VNet forwards googleapis.com, so an outbound endpoint
    assert set(_lines("gcp-primary")) == {"dns.azure.inbound_endpoint", "dns.azure.outbound_endpoint"}


def test_transit_gateway_attachments_are_priced_and_a_catalog_overrides_them(tmp_path: Path) -> None:
    # one attachment per account, billed to the account owning the VPC: 730 h x $0.05 each
    for account in ("network", "workloads"):
        line = _lines("aws-accounts")[f"network.aws.transit_gateway.{account}"]
        assert line.status == "estimated" and line.cost.low == Decimal("36.50") and line.stack == f"aws-{account}"
        assert line.price.source.startswith("c3x.dev")
    # the HA VPN's two connections end on the hub: two VPN attachments, billed to the home account that owns them
    vpn = _lines("aws-accounts")["network.aws.transit_gateway.links_0_vpn"]
    assert vpn.cost.low == Decimal("73.00") and vpn.stack == "aws-network" and "links[0]" in vpn.description
    prices = tmp_path / "prices.yaml"
    prices.write_text("version: 1\nname: mine\nas_of: 2026-12-01\nprices:\n  network.transit_gateway.attachment:\n"
                      "    value: 0.06\n    unit: usd_per_hour\n    source: my price sheet\n    as_of: 2026-12-01\n"
                      "    status: third_party\n")
    lines = _lines("aws-accounts", prices)
    for account in ("network", "workloads"):
        line = lines[f"network.aws.transit_gateway.{account}"]
        assert line.status == "estimated" and line.cost.low == Decimal("43.80")  # 730 h x my $0.06
        assert line.price.source == "my price sheet"
    assert lines["network.aws.transit_gateway.links_0_vpn"].cost.low == Decimal("87.60")  # 2 x 730 h x $0.06
