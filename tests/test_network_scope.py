"""Network scope (issue 13, item 5): the cache, the vector store and the Bedrock endpoint admit their callers' own
security groups, never the whole VPC range; the cache user gets the commands a cache needs, not every command."""

from __future__ import annotations

from conftest import REPO

from mcai.pipeline import generate


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
