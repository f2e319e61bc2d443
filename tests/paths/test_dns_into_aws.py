"""Private paths from Azure and GCP into AWS (issue 16): a router on AKS or GKE calls Bedrock through the VPC's
bedrock-runtime interface endpoint over its link, by name (a Route 53 Resolver inbound endpoint the caller's side
forwards to, switched on in its hand-over step), or the use is public with a reason."""

from __future__ import annotations

import pytest
from conftest import REPO
from test_dns_azure_gcp import _call, _derive, _step

from mcai.diagnostics import SpecError
from mcai.topology.links_dns import CLOUD_DNS_FORWARDING_SOURCE
from mcai.topology.model import Expr

AZURE_PRIMARY = (REPO / "examples" / "azure-primary.yaml").read_text()
GCP_PRIMARY = (REPO / "examples" / "gcp-primary.yaml").read_text()
BEDROCK = "bedrock-runtime.us-east-1.amazonaws.com"


def test_aks_calls_bedrock_over_expressroute_through_the_interface_endpoint() -> None:
    topology, paths = _derive(AZURE_PRIMARY)
    claude = next(p for p in paths if p.use.target == "claude")
    assert claude.network.kind == "private-link" and claude.network.dns_name == f"{BEDROCK} -> interface endpoint"
    assert claude.works_after.startswith(
        f"manual step {_step(topology, 'aws_dns_forwarding_enabled = true and re-apply the azure stack')}:")
    # the endpoint admits the VNet's range (no AWS workload: no caller security group is asked for)
    endpoint = _call(topology, "aws", "bedrock").inputs["runtime_endpoint"]
    assert endpoint["allowed_cidr_blocks"] == ["10.21.0.0/16"] and "allowed_security_group_ids" not in endpoint
    assert "client_security_group_ids" not in {v.name for v in topology.stack("aws").variables}
    # DNS queries come only from the Azure resolver's outbound endpoint subnet, not the whole VNet
    assert _call(topology, "aws", "link_dns").inputs["inbound_cidrs"] == ["10.20.0.112/28"]
    step = next(t for _, _, t in topology.numbered_steps if "aws_dns_forwarding_enabled = true" in t)
    assert "10.21.0.0/16" in step and "peering with gateway transit" in step and "admitted" not in step
    # the VNet forwards the name only once switched on, to the addresses the aws stack hands over (remote state)
    rule = _call(topology, "azure", "link_network").inputs["dns_forwarding"]["forward"][BEDROCK]
    assert rule == Expr("var.aws_dns_forwarding_enabled ? data.terraform_remote_state.aws.outputs.dns_inbound_addresses"
                        " : []")
    assert next(v for v in topology.stack("azure").variables if v.name == "aws_dns_forwarding_enabled").default is False


def test_without_the_interface_endpoint_bedrock_from_aks_is_public_only_with_a_reason() -> None:
    text = AZURE_PRIMARY.replace("    bedrock: {private: true}\n", "")
    with pytest.raises(SpecError) as err:
        _derive(text)
    assert any("claude" in d.message and "clouds.aws.bedrock.private: true" in d.message
               for d in err.value.diagnostics)
    topology, paths = _derive(text.replace("    public_access:\n", "    public_access:\n      claude: fallback only\n"))
    assert next(p for p in paths if p.use.target == "claude").network.kind == "public"
    assert "inbound_cidrs" not in _call(topology, "aws", "link_dns").inputs


def _gke_over_vpn() -> str:
    text = GCP_PRIMARY.replace("""    region: us-east-1
""", """    region: us-east-1
    network: {cidr: 10.10.0.0/16, vpc_id: vpc-0a1b2c3d4e5f67890,
              subnet_ids: [subnet-0a1b2c3d4e5f67891, subnet-0a1b2c3d4e5f67892]}
    bedrock: {private: true}
""", 1)
    return text.replace("links:\n", "links:\n  - between: [gcp, aws]\n    via: ha_vpn\n", 1)


def test_gke_calls_bedrock_over_ha_vpn_and_cloud_dns_answers_come_back() -> None:
    topology, paths = _derive(_gke_over_vpn())
    claude = next(p for p in paths if p.use.target == "claude")
    assert claude.network.kind == "private-link" and "Cloud DNS forwarding zone" in claude.network.description
    assert claude.works_after.startswith(
        f"manual step {_step(topology, 'aws_dns_forwarding_enabled = true and re-apply the gcp stack')}:")
    zone = _call(topology, "gcp", "link_aws_dns").inputs
    assert zone["forward"] == {"bedrock": {"domain": BEDROCK, "targets": Expr("var.aws_dns_inbound_addresses")}}
    assert zone["forward_enabled"] == Expr("var.aws_dns_forwarding_enabled")
    # Cloud DNS forwards from 35.199.192.0/19: AWS must admit it and route the answers back over the tunnels
    assert _call(topology, "aws", "link_dns").inputs["inbound_cidrs"] == [CLOUD_DNS_FORWARDING_SOURCE]
    assert CLOUD_DNS_FORWARDING_SOURCE in _call(topology, "gcp", "link_aws_vpn").inputs["advertised_ranges"]


NETWORK_CIDR = "      network_cidr: 10.21.0.0/16   # the cluster's own VNet (peered): the bedrock-runtime endpoint admits it\n"


def test_aks_range_unknown_is_no_private_path_but_a_located_refusal_or_public_with_a_reason() -> None:
    assert NETWORK_CIDR in AZURE_PRIMARY
    text = AZURE_PRIMARY.replace(NETWORK_CIDR, "")
    with pytest.raises(SpecError) as err:
        _derive(text)
    assert any("claude" in d.message and "AKS cluster ai-platform's address range is unknown" in d.message
               and "'workloads.inference-router.runs_on.network_cidr'" in d.message for d in err.value.diagnostics)
    topology, paths = _derive(text.replace("    public_access:\n", "    public_access:\n      claude: fallback only\n"))
    assert next(p for p in paths if p.use.target == "claude").network.kind == "public"
    assert "inbound_cidrs" not in _call(topology, "aws", "link_dns").inputs
    assert "allowed_cidr_blocks" not in _call(topology, "aws", "bedrock").inputs["runtime_endpoint"]


def test_aks_in_a_subnet_of_the_stack_vnet_is_admitted_without_a_peering_step() -> None:
    topology, _ = _derive(AZURE_PRIMARY.replace("network_cidr: 10.21.0.0/16", "network_cidr: 10.20.16.0/20"))
    assert _call(topology, "aws", "bedrock").inputs["runtime_endpoint"]["allowed_cidr_blocks"] == ["10.20.16.0/20"]
    step = next(t for _, _, t in topology.numbered_steps if "aws_dns_forwarding_enabled = true" in t)
    assert "peering" not in step


@pytest.mark.parametrize("cidr", ["10.10.128.0/20", "10.0.0.0/8", "not-a-cidr"])
def test_aks_range_overlapping_a_cloud_network_is_refused_where_it_is_declared(cidr: str) -> None:
    with pytest.raises(SpecError) as err:
        _derive(AZURE_PRIMARY.replace("network_cidr: 10.21.0.0/16", f"network_cidr: {cidr}"))
    found = [d for d in err.value.diagnostics if "network_cidr" in ".".join(map(str, d.path))]
    assert found and found[0].location and found[0].location.line == AZURE_PRIMARY.splitlines().index(NETWORK_CIDR.rstrip("\n")) + 1
