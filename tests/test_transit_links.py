"""Private links ending on the estate's Transit Gateway: the VPN attaches to the hub (no gateway of the home VPC),
every attached account routes the linked cloud's ranges to the hub and resolves its private names, the other cloud's
hand-overs name the home stack, a use from the home account says it goes via the hub, and without a hub nothing
changes. The example's stacks are validated under every profile by tests/test_terraform.py (golden aws-accounts);
the Azure and Direct Connect variants' AWS stacks are validated here once, under the newest pins."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from golden import write_tree
from tfschema.harness import PROFILES, validate_dir

from mcai.paths import derive_paths
from mcai.render import render
from mcai.spec import load_spec, parse_spec
from mcai.topology import derive

EXAMPLE = REPO / "examples" / "aws-accounts.yaml"


def _call(topology, stack: str, label: str):  # type: ignore[no-untyped-def]
    return next(m for m in topology.stack(stack).modules if m.label == label)


def test_the_vpn_attaches_to_the_hub_and_every_account_routes_the_peer() -> None:
    topology = derive(load_spec(EXAMPLE))
    vpn = _call(topology, "aws-network", "link_gcp_vpn")
    assert vpn.inputs["transit_gateway_id"].text == "module.transit_gateway.id" and "vpn_gateway_id" not in vpn.inputs
    assert not any(m.module == "aws-vpn-gateway" for s in topology.stacks for m in s.modules), \
        "a virtual private gateway on the home VPC would reach no other account"
    for stack in ("aws-network", "aws-workloads"):
        routes = _call(topology, stack, "transit_gateway_attachment").inputs["destination_cidrs"]
        assert {"10.30.0.0/16", "10.31.255.254/32"} <= set(routes), stack  # GCP's network and its PSC address
    # GCP peers with the hub's ASN (the rule holds asns.aws to it), and learns every account's range over BGP
    hub = _call(topology, "aws-network", "transit_gateway")
    assert _call(topology, "gcp", "link_aws_vpn").inputs["aws_asn"] == hub.inputs["amazon_side_asn"] == 64512
    assert topology.links[0].path.endswith("the AWS end is the Transit Gateway, which every account's VPC is "
                                           "attached to")  # the report's link view says so
    # the gcp stack's hand-over names the stack that really has the output
    tunnels = next(v for v in topology.stack("gcp").variables if v.name == "aws_vpn_tunnels")
    assert tunnels.handover == ("aws-network", "gcp_vpn_tunnels")


def test_the_other_account_answers_google_apis_after_the_home_stack() -> None:
    topology = derive(load_spec(EXAMPLE))
    dns = _call(topology, "aws-workloads", "link_dns")
    assert dns.inputs["private_zones"] == {"googleapis.com": "10.31.255.254"}
    assert dns.inputs["private_zones_enabled"].text == "var.google_apis_private_dns_enabled"
    steps = [(stack, step) for _, stack, step in topology.numbered_steps if "google_apis_private_dns_enabled" in step]
    assert [stack for stack, _ in steps] == ["aws-network", "aws-workloads"], "the home VPC first, then the others"
    assert "re-apply the aws-network stack" in steps[0][1] and "account 'workloads' (Google APIs)" in steps[1][1]


AZURE_ON_THE_HUB = """version: 1
name: acme
environment: prod
control_plane: aws
clouds:
  aws:
    home: network
    transit_gateway: {}
    accounts:
      network: {account_id: "111111111111", region: us-east-1,
                network: {cidr: 10.0.0.0/16, vpc_id: vpc-0a1b2c3d4e5f60000,
                          subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]}}
      workloads: {account_id: "222222222222", region: us-east-1,
                  network: {cidr: 10.1.0.0/16, vpc_id: vpc-0a1b2c3d4e5f61000,
                            subnet_ids: [subnet-0a1b2c3d4e5f61001, subnet-0a1b2c3d4e5f61002]}}
  azure:
    subscription_id: 00000000-0000-0000-0000-000000000000
    tenant_id: 11111111-1111-1111-1111-111111111111
    location: eastus2
    network: {cidr: 10.20.0.0/16}
links:
  - between: [aws, azure]
    via: ha_vpn
"""


def test_azure_names_resolve_in_every_account_through_shared_rules() -> None:
    topology = derive(parse_spec(AZURE_ON_THE_HUB, "hub.yaml"))
    home = _call(topology, "aws-network", "link_dns")
    assert home.inputs["share_with_account_ids"] == ["222222222222"] and home.inputs["forward"]
    assert "azure_dns_rule_ids" in [o.name for o in topology.stack("aws-network").outputs]
    other = _call(topology, "aws-workloads", "link_dns")
    assert other.inputs["shared_rule_ids"].text == "var.azure_dns_rule_ids" and "forward" not in other.inputs
    handed = next(v for v in topology.stack("aws-workloads").variables if v.name == "azure_dns_rule_ids")
    assert handed.handover == ("aws-network", "azure_dns_rule_ids") and not handed.required
    assert _call(topology, "aws-network", "link_azure_vpn").inputs["transit_gateway_id"].text \
        == "module.transit_gateway.id"
    for stack in ("aws-network", "aws-workloads"):
        assert "10.20.0.0/16" in _call(topology, stack, "transit_gateway_attachment").inputs["destination_cidrs"]


def test_links_to_two_clouds_on_one_hub_are_a_located_warning() -> None:
    """One route table: the hub re-advertises each linked cloud's routes to the other (transit through AWS)."""
    from mcai import findings

    both = AZURE_ON_THE_HUB + """  - between: [aws, gcp]
    via: ha_vpn
"""
    both = both.replace("links:\n", """  gcp: {project_id: acme-ai-prod, project_number: "123456789012", region: us-east4,
        network: {cidr: 10.30.0.0/16, name: ai-vpc}}
links:
""")
    for text, expected in ((AZURE_ON_THE_HUB, 0), (both, 1)):
        vspec = parse_spec(text, "two.yaml")
        found = [f for f in findings.run(vspec, derive(vspec)) if f.id == "transit-gateway-joins-clouds"]
        assert len(found) == expected
    assert "azure <-> gcp traffic crosses AWS (no link joins them directly)" in found[0].message


@pytest.mark.terraform
def test_the_variants_validate(tmp_path: Path) -> None:
    """The root wiring the goldens do not show (the shared rules' output and hand-over; Direct Connect on the hub) is
    valid Terraform."""
    newest = max(PROFILES, key=lambda name: [tuple(int(x) for x in v.split("."))
                                             for _, v in sorted(PROFILES[name].items())])
    for name, text, stacks in (("hub.yaml", AZURE_ON_THE_HUB, ("aws-network", "aws-workloads")),
                               ("dx.yaml", _interconnect_on_the_hub(), ("aws-network",))):
        tree = render(derive(parse_spec(text, name)), name)
        write_tree(tmp_path / name, dict(tree.files))
        for stack in stacks:
            result = validate_dir(tmp_path / name / stack, newest)
            assert result.ok, result.output


def _gemini_from(account: str):  # type: ignore[no-untyped-def]
    """The example with the router (in `account`) calling Gemini (the example's last model, through the router's
    workload identity pool): its path over the link to GCP."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for element in ("    description", "    provider: bedrock"):  # the router, then both Bedrock models
        text = text.replace(f"    account: workloads\n{element}", f"    account: {account}\n{element}")
    vspec = parse_spec(text, f"{account}.yaml")
    topology = derive(vspec)
    [path] = [p for p in derive_paths(vspec, topology) if p.use.target == "gemini"]
    return path, topology


@pytest.mark.parametrize("account", ["network", "workloads"])
def test_a_use_from_any_attached_account_goes_via_the_transit_gateway(account: str) -> None:
    path, topology = _gemini_from(account)
    assert path.network.kind == "private-link"
    assert path.network.description.startswith(
        f"links[0] (ha_vpn, via Transit Gateway: the VPC's attachment in aws-{account} -> the hub in the home account")
    assert path.network.dns_name == "us-east4-aiplatform.googleapis.com -> 10.31.255.254"
    # it works once googleapis.com resolves privately in the caller's own VPC: the home one's step, or its own
    step = next(s for n, _, s in topology.numbered_steps if path.works_after.startswith(f"manual step {n}:"))
    assert ("account 'workloads' (Google APIs)" in step) == (account == "workloads"), step
    assert "google_apis_private_dns_enabled = true" in step


def _interconnect_on_the_hub() -> str:
    """gcp-aws-interconnect with its AWS side as two accounts on a Transit Gateway, the router in the other one."""
    text = (REPO / "examples" / "gcp-aws-interconnect.yaml").read_text(encoding="utf-8")
    one = text[text.index("  aws:\n"):text.index("  gcp:\n")]
    many = ("  aws:\n    home: network\n    transit_gateway: {}\n    accounts:\n      network:\n"
            + "".join(f"    {line}\n" for line in one.splitlines()[1:])
            + "      apps:\n        account_id: \"444455556666\"\n        region: us-east-1\n        network:\n"
            "          cidr: 10.11.0.0/16\n          vpc_id: vpc-0a1b2c3d4e5f61000\n"
            "          subnet_ids: [subnet-0a1b2c3d4e5f61001, subnet-0a1b2c3d4e5f61002]\n")
    return text.replace(one, many).replace("  inference-router:\n    description",
                                            "  inference-router:\n    account: apps\n    description")


def test_direct_connect_reaches_the_hub_over_a_transit_interface() -> None:
    vspec = parse_spec(_interconnect_on_the_hub(), "dx.yaml")
    topology = derive(vspec)
    dx = _call(topology, "aws-network", "link_gcp_direct_connect")
    assert dx.inputs["transit_gateway_id"].text == "module.transit_gateway.id" and "vpn_gateway_id" not in dx.inputs
    assert dx.inputs["allowed_prefixes"] == ["10.10.0.0/16", "10.11.0.0/16"], "every account's range is advertised"
    assert dx.inputs["amazon_side_asn"] != _call(topology, "aws-network", "transit_gateway").inputs["amazon_side_asn"]
    assert {r.type for r in dx.resources} >= {"aws_dx_transit_virtual_interface"}
    assert "aws_dx_private_virtual_interface" not in {r.type for r in dx.resources}
    assert _call(topology, "aws-network", "link_gcp_vpn").inputs["transit_gateway_id"].text \
        == "module.transit_gateway.id"  # the fallback ends on the hub too
    [path] = [p for p in derive_paths(vspec, topology) if p.use.target == "gemini"]
    assert "the VPC's attachment in aws-apps -> the hub in the home account -> the link's Direct Connect gateway " \
           "attachment (its VPN attachments as fallback)" in path.network.description


def test_without_a_hub_the_vpn_ends_on_the_vpc_gateway() -> None:
    topology = derive(load_spec(REPO / "examples" / "production-pattern.yaml"))
    vpn = _call(topology, "aws", "link_gcp_vpn")
    assert vpn.inputs["vpn_gateway_id"].text == "module.link_gateway.id" and "transit_gateway_id" not in vpn.inputs
    assert "share_with_account_ids" not in _call(topology, "aws", "link_dns").inputs
