"""Network scope (issue 13, item 5): the cache, the vector store and the Bedrock endpoint admit their callers' own
security groups, never the whole VPC range; the cache user gets the commands a cache needs, not every command."""

from __future__ import annotations

from conftest import REPO

from mcai.pipeline import generate
from mcai.topology.model import Expr


def test_endpoints_and_cache_admit_security_groups_not_the_vpc_cidr() -> None:
    _, topology, _ = generate(REPO / "examples" / "production-pattern.yaml")
    calls = {m.label: m.inputs for m in topology.stack("aws").modules}
    networks = [calls["response_cache"]["network"], calls["data_vectors"]["network"],
                calls["bedrock"]["runtime_endpoint"]]
    for network in networks:
        assert network["allowed_security_group_ids"] == ["sg-0a1b2c3d4e5f67893"]
        assert not network.get("allowed_cidr_blocks"), "the whole VPC range is admitted"


def test_cache_user_access_string_is_least_privilege() -> None:
    _, _, tree = generate(REPO / "examples" / "production-pattern.yaml")
    module = tree["aws/modules/aws-response-cache/main.tf"].decode()
    line = next(x for x in module.splitlines() if x.strip().startswith("access_string = \"on"))
    assert "+@all" not in line and "-@dangerous" in line and "-@admin" in line


def _production(connections: str = ""):  # type: ignore[no-untyped-def]
    from mcai import findings
    from mcai.spec import parse_spec
    from mcai.topology import derive

    text = (REPO / "examples" / "production-pattern.yaml").read_text()
    if connections:
        text = text.replace("direct_connect: {connection: hosted, bandwidth: 1Gbps}",
                            f"direct_connect: {{connection: hosted, bandwidth: 1Gbps, connections: {connections}}}")
    vspec = parse_spec(text, "p.yaml")
    topology = derive(vspec)
    return topology, [f for f in findings.run(vspec, topology) if f.id == "direct-connect-single-connection"]


def test_one_direct_connect_connection_is_reported_as_a_single_point_of_failure() -> None:
    _, found = _production()
    assert len(found) == 1 and "single point of failure" in found[0].message and found[0].severity == "warning"


def test_a_second_connection_gets_its_own_vlan_and_range_and_no_finding() -> None:
    topology, found = _production("2")
    assert not found
    dx = next(m for m in topology.stack("aws").modules if m.label == "link_azure_direct_connect").inputs
    first, second = dx["virtual_interface"], dx["secondary"]["virtual_interface"]
    # hosted: the partner assigns each connection's VLAN, so both are inputs of their own
    assert (first["vlan"], second["vlan"]) == (Expr("try(var.dx_hosted_connection_azure.vlan, null)"),
                                               Expr("try(var.dx_secondary_hosted_connection_azure.vlan, null)"))
    assert second["amazon_address"] != first["amazon_address"]
    assert any(v.name == "dx_secondary_hosted_connection_azure" for v in topology.stack("aws").variables)
