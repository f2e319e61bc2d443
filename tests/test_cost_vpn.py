"""Each side of a VPN is its own cost line, billed to the account whose stack renders that side, and its quantity is
what the rendered Terraform creates: AWS `aws_vpn_connection`s, GCP `google_compute_vpn_tunnel`s (counted here in
the goldens, from the module calls' inputs and the modules' own `for_each`)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES, GOLDEN, REPO

from mcai import findings
from mcai.cost import estimate_spec
from mcai.cost.budgets import budget_amounts
from mcai.cost.money import HOURS_PER_MONTH
from mcai.pipeline import derive_all
from mcai.spec import load_spec

WITH_VPN = [e for e in EXAMPLES if (GOLDEN / e.stem).is_dir()
            and any("./modules/aws-vpn\"" in f.read_text() or "./modules/gcp-ha-vpn\"" in f.read_text()
                    for f in (GOLDEN / e.stem).glob("*/main.tf"))]


def _modules(text: str, source: str) -> list[str]:
    """The bodies of the root module blocks calling `source` (blocks end at a closing brace in column 0)."""
    blocks = re.findall(r'^module "[^"]+" \{\n(.*?)^\}\n', text, flags=re.S | re.M)
    return [b for b in blocks if f'source = "./modules/{source}"' in b]


def _rendered(example: Path) -> tuple[Counter[str], Counter[str]]:
    """(AWS VPN connections, GCP VPN tunnels) per stack, as the golden stacks create them once handed over."""
    mains = {m.parent.name: m.read_text() for m in sorted((GOLDEN / example.stem).glob("*/main.tf"))}
    connections: Counter[str] = Counter()
    aws_tunnels_to_gcp = 0
    for stack, text in mains.items():
        for body in _modules(text, "aws-vpn"):
            # one connection per interface of the peer gateway (for_each = var.peer_addresses, keys "0" and "1"),
            # each with the two tunnels whose inside CIDRs the call lists
            cidrs = re.search(r"tunnel_inside_cidrs += \{\n(.*?)\n  \}", body, flags=re.S)
            assert cidrs, body
            interfaces = re.findall(r'"([01])" = \[([^\]]*)\]', cidrs.group(1))
            connections[stack] += len(interfaces)
            if re.search(r"peer_addresses += \S*gcp", body):  # the connections to GCP: one GCP tunnel per AWS tunnel
                aws_tunnels_to_gcp += sum(pair.count("/30") for _, pair in interfaces)
    tunnels: Counter[str] = Counter()
    for stack, text in mains.items():
        for body in _modules(text, "gcp-ha-vpn"):
            if "aws_tunnels" in body:  # local.tunnels: one per tunnel of the AWS connections (their output)
                tunnels[stack] += aws_tunnels_to_gcp
            if "azure_peer" in body:  # local.azure_tunnels: one per HA VPN interface in bgp_addresses
                peer = re.search(r"bgp_addresses = \{\n(.*?)\n    \}", body, flags=re.S)
                assert peer, body
                tunnels[stack] += len(re.findall(r'^      "[01]" = \{', peer.group(1), flags=re.M))
    return connections, tunnels


def test_the_modules_create_what_the_count_assumes() -> None:
    aws = (REPO / "modules" / "aws-vpn" / "main.tf").read_text()
    assert re.search(r'resource "aws_vpn_connection" "this" \{\n  for_each = var\.peer_addresses\n', aws)
    gcp = (REPO / "modules" / "gcp-ha-vpn" / "main.tf").read_text()
    assert re.search(r'resource "google_compute_vpn_tunnel" "this" \{\n  for_each = local\.tunnels\n', gcp)
    assert re.search(r'resource "google_compute_vpn_tunnel" "azure" \{\n  for_each = local\.azure_tunnels\n', gcp)
    outputs = (REPO / "modules" / "aws-vpn" / "outputs.tf").read_text()
    assert "tunnel1_address" in outputs and "tunnel2_address" in outputs and "tunnel3" not in outputs


@pytest.mark.parametrize("example", WITH_VPN, ids=lambda p: p.stem)
def test_each_side_is_a_line_of_what_the_stacks_render(example: Path) -> None:
    vspec, topology, _ = derive_all(example)
    est = estimate_spec(vspec)
    connections, tunnels = _rendered(example)
    assert connections or tunnels
    listed = {kind: Counter(s.name for s in topology.stacks for _, r in s.resources if r.type == kind)
              for kind in ("aws_vpn_connection", "google_compute_vpn_tunnel")}  # what the report counts
    assert listed["aws_vpn_connection"] == connections
    assert listed["google_compute_vpn_tunnel"] == tunnels
    billed: dict[str, Counter[str]] = {"site_to_site_vpn.connection": Counter(), "ha_vpn.tunnel": Counter()}
    for line in est.lines:
        kind = line.id.split(".", 2)[-1]
        if line.category == "link" and kind in billed:
            assert line.quantity is not None and line.quantity.low == line.quantity.high
            assert line.cost is None or line.cost.low > 0, "never $0"
            billed[kind][line.stack or ""] += int(line.quantity.low / HOURS_PER_MONTH)
    assert billed["site_to_site_vpn.connection"] == connections
    assert billed["ha_vpn.tunnel"] == tunnels
    assert not any(line.id.endswith("ha_vpn.fixed") for line in est.lines), "the one-sided line is gone"


def test_production_budgets_hold_the_aws_side_and_name_the_unpriced_gcp_side() -> None:
    vspec = load_spec(REPO / "examples" / "production-pattern.yaml")
    est = estimate_spec(vspec)
    assert vspec.spec.budgets is not None
    amounts = budget_amounts(est, vspec.spec.budgets, (("aws", "aws"), ("gcp", "gcp")))
    vpn = {ln.id: ln for ln in est.lines if ln.id.endswith("site_to_site_vpn.connection")}
    assert set(vpn) == {"link.0.site_to_site_vpn.connection", "link.1.site_to_site_vpn.connection"}
    for line in vpn.values():  # 2 connections x 730 h x the catalog's $0.05, with its source
        assert line.cost is not None and line.cost.low == Decimal("73.00") and "factualminds" in line.price.source
    assert set(vpn) <= set(amounts["aws"].priced_lines)
    subtotal = sum(ln.cost.high for ln in est.for_stack("aws") if ln.counted and ln.cost)
    assert amounts["aws"].amount_usd == int((subtotal * Decimal("1.25")).to_integral_value(rounding=ROUND_CEILING))
    # the GCP tunnels have no sourced price: the budget stays at the spec's minimum and says what it leaves out
    assert "link.1.ha_vpn.tunnel" in amounts["gcp"].unpriced_lines and amounts["gcp"].minimum_used


def test_on_the_transit_gateway_the_connections_are_the_home_accounts() -> None:
    est = estimate_spec(load_spec(REPO / "examples" / "aws-accounts.yaml"))
    lines = [ln for ln in est.lines if ln.id.endswith("site_to_site_vpn.connection")]
    assert [(ln.stack, ln.cloud) for ln in lines] == [("aws-network", "aws")]
    assert not any(ln.id.endswith("site_to_site_vpn.connection") for ln in est.for_stack("aws-workloads"))


def test_the_budget_warning_names_every_line_it_leaves_out_by_reason() -> None:
    example = REPO / "examples" / "production-pattern.yaml"
    vspec, topology, _ = derive_all(example)
    est = estimate_spec(vspec)
    warned = {f.message.split()[1]: f.message for f in findings.run(vspec, topology)
              if f.id == "budget-excludes-unpriced"}
    left_out = [ln for ln in est.for_stack("azure") if not ln.counted]
    assert len(left_out) > 5, "more lines than the old message showed"
    for line in left_out:
        assert line.id in warned["azure"]
    assert "..." not in warned["azure"]
    assert "price not found: link.1.ha_vpn.tunnel)" in warned["gcp"]
    assert "depends on usage: inference." in warned["aws"]
