"""Prove the extractor: the aws 5.100.0 schema rebuilt from ``cdktf-cdktf-provider-aws==20.1.0``
must equal ``terraform providers schema -json`` of the real aws 5.100.0 binary on every
resource type mcai emits (and the whole-provider figures are printed for the README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tfschema import cache, compare, harness, pins

pytestmark = pytest.mark.terraform

REPO = Path(__file__).resolve().parents[2]

# Types mcai will emit for aws, whether or not the templates/modules declare them yet.
BASELINE_AWS_TYPES = {
    "aws_iam_role", "aws_iam_role_policy", "aws_iam_policy", "aws_bedrock_guardrail",
    "aws_bedrock_model_invocation_logging_configuration", "aws_bedrock_provisioned_model_throughput",
    "aws_vpc_endpoint", "aws_security_group", "aws_elasticache_replication_group", "aws_elasticache_subnet_group",
    "aws_elasticache_user_group", "aws_elasticache_user", "aws_s3_bucket", "aws_s3_bucket_policy",
    "aws_s3_bucket_versioning", "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_server_side_encryption_configuration", "aws_cloudwatch_log_group",
    "aws_opensearchserverless_collection", "aws_opensearchserverless_security_policy",
    "aws_opensearchserverless_access_policy", "aws_dx_gateway", "aws_dx_private_virtual_interface",
    "aws_dx_gateway_association", "aws_vpn_gateway", "aws_customer_gateway", "aws_vpn_connection",
    "aws_route53_resolver_endpoint", "aws_route53_resolver_rule", "aws_route53_resolver_rule_association",
    "aws_iam_openid_connect_provider", "aws_eks_pod_identity_association",
}


def emitted_aws_types() -> set[str]:
    scanned = harness.emitted_resource_types([REPO / "modules", REPO / "templates"])
    names = {t for t in scanned if t.removeprefix("data.").startswith("aws_")}
    return names | BASELINE_AWS_TYPES


@pytest.fixture(scope="module")
def documents() -> tuple[dict, dict]:
    profile = harness.ensure_profile("aws5-google7")
    real = json.loads(profile.schema_files["aws"].read_text())
    with cache.locked():
        rebuilt = json.loads(cache.ensure_schema(pins.AWS_GROUND_TRUTH).read_text())
    return real, rebuilt


def test_rebuilt_aws_schema_matches_real_binary_on_emitted_types(documents) -> None:
    real, rebuilt = documents
    types = emitted_aws_types()
    only = {t.removeprefix("data.") for t in types}
    report = compare.compare_documents(real, rebuilt, only=only)
    print(f"\nemitted aws types ({len(types)}): {report.summary()}")
    assert not report.missing_types and not report.extra_types, (report.missing_types, report.extra_types)
    assert report.types_compared >= len(BASELINE_AWS_TYPES)
    assert report.opaque == 0
    assert report.mismatches == [], "\n".join(report.mismatches)
    assert report.types_identical == report.types_compared


def test_whole_provider_figures(documents) -> None:
    real, rebuilt = documents
    report = compare.compare_documents(real, rebuilt)
    provider = compare.Report()
    compare.compare_block(compare.provider_schema(real)["provider"]["block"],
                          compare.provider_schema(rebuilt)["provider"]["block"], "provider", provider)
    print(f"\nwhole aws {pins.REAL_AWS_VERSION} provider: {report.summary()}")
    print(f"provider block: {provider.summary()}")
    for line in report.mismatches:
        print("  mismatch:", line)
    assert not report.missing_types and not report.extra_types
    # Known, documented limits: a few opaque subtrees (wafv2 statement, quicksight definition) and
    # one nested set-of-set that the generated code records only as a list of lists.
    assert report.opaque <= 6
    assert len(report.mismatches) <= 1, report.mismatches
    assert provider.mismatches == []
