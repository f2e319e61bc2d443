"""Value rules: what the cloud APIs accept for an attribute that the pinned providers check only loosely (or not at
all), so `terraform validate` passes and the first apply fails. Each rule names its source, the API reference.

A rule is `(resource type, attribute path) -> Rule`; the path of an attribute in a nested block is `block.attribute`
(a `dynamic "x"` block counts as `x`). Rules return a reason for a bad value, or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    check: Callable[[str], str | None]


def _pattern(regex: str, low: int, high: int, what: str) -> Callable[[str], str | None]:
    compiled = re.compile(regex)

    def check(value: str) -> str | None:
        if not low <= len(value) <= high:
            return f"must be {low}-{high} characters (got {len(value)})"
        if not compiled.fullmatch(value):
            return f"must be {what}"
        return None

    return check


# EC2 CreateSecurityGroup `GroupDescription` and IpRange/UserIdGroupPair `Description` (API Reference, "Constraints
# for EC2-VPC"): up to 255 characters, a-z A-Z 0-9 spaces and ._-:/()#,@[]+=&;{}!$*. An apostrophe is refused with
# "InvalidParameterValue: Invalid security group description" (the provider checks only the length).
_EC2_DESCRIPTION = _pattern(r"[a-zA-Z0-9 ._\-:/()#,@\[\]+=&;{}!$*]*", 0, 255,
                            "ASCII letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only (EC2 security groups)")
# EC2 CreateSecurityGroup `GroupName`: up to 255 characters, same character set, and not starting with `sg-`.
_EC2_GROUP_NAME = _pattern(r"(?!sg-)[a-zA-Z0-9 ._\-:/()#,@\[\]+=&;{}!$*]+", 1, 255,
                           "the EC2 group-name characters (._-:/()#,@[]+=&;{}!$*, letters, digits, spaces), "
                           "not starting with sg-")
# S3 "General purpose bucket naming rules": 3-63 characters, lowercase letters, digits, dots and hyphens, starting
# and ending with a letter or digit, no two adjacent dots, not an IP address, no xn-- prefix or -s3alias suffix.
_S3_BUCKET = _pattern(r"(?!xn--)(?!\d+\.\d+\.\d+\.\d+$)(?!.*\.\.)[a-z0-9][a-z0-9.-]*[a-z0-9](?<!-s3alias)", 3, 63,
                      "lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit "
                      "(S3 bucket naming rules)")
# IAM CreateRole `RoleName`: 1-64 characters of [\w+=,.@-].
_IAM_ROLE = _pattern(r"[\w+=,.@-]+", 1, 64, "letters, digits and +=,.@_- only (IAM RoleName)")
# IAM PutRolePolicy `PolicyName`: 1-128 characters of [\w+=,.@-].
_IAM_POLICY = _pattern(r"[\w+=,.@-]+", 1, 128, "letters, digits and +=,.@_- only (IAM PolicyName)")
# ElastiCache CreateReplicationGroup `ReplicationGroupId`: 1-40 characters, letters, digits and hyphens, starting
# with a letter, no two consecutive hyphens, not ending with a hyphen (stored lowercase: use lowercase).
_CACHE_ID = _pattern(r"[a-z](?!.*--)[a-z0-9-]*(?<!-)", 1, 40,
                     "lowercase letters, digits and single hyphens, starting with a letter, not ending with a "
                     "hyphen (ElastiCache identifiers)")
# ElastiCache CreateUser `UserId` / CreateUserGroup `UserGroupId`: start with a letter, letters, digits and hyphens,
# no two consecutive hyphens, not ending with a hyphen (API Reference: "Pattern: [a-zA-Z][a-zA-Z0-9\-]*").
_CACHE_USER = _pattern(r"[a-zA-Z](?!.*--)[a-zA-Z0-9-]*(?<!-)", 1, 40,
                       "letters, digits and single hyphens, starting with a letter (ElastiCache user ids)")
# OpenSearch Serverless CreateCollection / CreateSecurityPolicy / CreateAccessPolicy / CreateVpcEndpoint `name`:
# 3-32 characters, pattern ^[a-z][a-z0-9-]+$.
_AOSS_NAME = _pattern(r"[a-z][a-z0-9-]+", 3, 32,
                      "lowercase letters, digits and hyphens, starting with a letter (OpenSearch Serverless names)")
# Bedrock CreateGuardrail `name`: 1-50 characters, pattern ^[0-9a-zA-Z-_]+$.
_GUARDRAIL = _pattern(r"[0-9a-zA-Z_-]+", 1, 50, "letters, digits, hyphens and underscores (Bedrock guardrail names)")
# Bedrock CreateProvisionedModelThroughput `provisionedModelName`: 1-63 characters, ^([0-9a-zA-Z][ _-]?)+$.
_PT_NAME = _pattern(r"([0-9a-zA-Z][ _-]?)+", 1, 63,
                    "letters and digits, single spaces, hyphens or underscores between them (Bedrock provisioned "
                    "model names)")
# CloudWatch Logs CreateLogGroup `logGroupName`: 1-512 characters of [\.\-_/#A-Za-z0-9].
_LOG_GROUP = _pattern(r"[.\-_/#A-Za-z0-9]+", 1, 512, "letters, digits and ._-/# only (CloudWatch log group names)")
# Route 53 Resolver CreateResolverEndpoint / CreateResolverRule `Name`: up to 64 characters, must not be only digits.
_RESOLVER_NAME = _pattern(r"(?!\d+$)[^\n]*", 0, 64, "not only digits (Route 53 Resolver names)")
# Google Compute Engine resource names (RFC 1035): 1-63 characters, [a-z]([-a-z0-9]*[a-z0-9])?.
_GCE_NAME = _pattern(r"[a-z]([-a-z0-9]*[a-z0-9])?", 1, 63,
                     "a lowercase RFC 1035 name: letters, digits and hyphens, starting with a letter and not ending "
                     "with a hyphen (Compute Engine names)")
# IAM CreateServiceAccount `accountId`: 6-30 characters, [a-z]([-a-z0-9]*[a-z0-9]).
_GCP_SA_ID = _pattern(r"[a-z]([-a-z0-9]*[a-z0-9])", 6, 30,
                      "lowercase letters, digits and hyphens, starting with a letter (service account ids)")
# Workload identity pools and providers (IAM API `workloadIdentityPoolId` / `workloadIdentityPoolProviderId`):
# 4-32 characters of [a-z0-9-]; the prefix gcp- is reserved.
_WIF_ID = _pattern(r"(?!gcp-)[a-z0-9-]+", 4, 32,
                   "lowercase letters, digits and hyphens, not starting with gcp- (workload identity pool ids)")
# Cloud Storage "Bucket naming requirements": 3-63 characters (without dots), lowercase letters, digits, -, _ and .,
# starting and ending with a letter or digit, not starting with goog.
_GCS_BUCKET = _pattern(r"(?!goog)[a-z0-9][a-z0-9._-]*[a-z0-9]", 3, 63,
                       "lowercase letters, digits, dots, hyphens and underscores, starting and ending with a letter "
                       "or digit, not starting with goog (Cloud Storage bucket names)")
# BigQuery datasets (datasetId): up to 1,024 letters, digits and underscores.
_BQ_DATASET = _pattern(r"[A-Za-z0-9_]+", 1, 1024, "letters, digits and underscores only (BigQuery dataset ids)")
# Azure resource groups (Microsoft.Resources naming rules): 1-90 characters, letters, digits, underscores, hyphens,
# periods and parentheses, not ending with a period.
_AZURE_RG = _pattern(r"[\w\-.()]*[\w\-()]", 1, 90,
                     "letters, digits and _-.() only, not ending with a period (Azure resource group names)")
# Azure AI services accounts (Microsoft.CognitiveServices naming rules): 2-64 characters, letters, digits and
# hyphens, starting and ending with a letter or digit; the custom subdomain follows the same rule.
_AZURE_COGNITIVE = _pattern(r"[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]", 2, 64,
                            "letters, digits and hyphens, starting and ending with a letter or digit (Azure AI "
                            "services account names)")

RULES: dict[tuple[str, str], Rule] = {
    ("aws_security_group", "description"): Rule("ec2-security-group-description", _EC2_DESCRIPTION),
    ("aws_security_group", "name"): Rule("ec2-security-group-name", _EC2_GROUP_NAME),
    ("aws_security_group", "ingress.description"): Rule("ec2-security-group-rule-description", _EC2_DESCRIPTION),
    ("aws_security_group", "egress.description"): Rule("ec2-security-group-rule-description", _EC2_DESCRIPTION),
    ("aws_security_group_rule", "description"): Rule("ec2-security-group-rule-description", _EC2_DESCRIPTION),
    ("aws_vpc_security_group_ingress_rule", "description"):
        Rule("ec2-security-group-rule-description", _EC2_DESCRIPTION),
    ("aws_vpc_security_group_egress_rule", "description"):
        Rule("ec2-security-group-rule-description", _EC2_DESCRIPTION),
    ("aws_s3_bucket", "bucket"): Rule("s3-bucket-name", _S3_BUCKET),
    ("aws_iam_role", "name"): Rule("iam-role-name", _IAM_ROLE),
    ("aws_iam_role_policy", "name"): Rule("iam-policy-name", _IAM_POLICY),
    ("aws_elasticache_replication_group", "replication_group_id"): Rule("elasticache-id", _CACHE_ID),
    ("aws_elasticache_subnet_group", "name"): Rule("elasticache-id", _CACHE_ID),
    ("aws_elasticache_user", "user_id"): Rule("elasticache-user-id", _CACHE_USER),
    ("aws_elasticache_user_group", "user_group_id"): Rule("elasticache-user-id", _CACHE_USER),
    ("aws_opensearchserverless_collection", "name"): Rule("opensearch-serverless-name", _AOSS_NAME),
    ("aws_opensearchserverless_security_policy", "name"): Rule("opensearch-serverless-name", _AOSS_NAME),
    ("aws_opensearchserverless_access_policy", "name"): Rule("opensearch-serverless-name", _AOSS_NAME),
    ("aws_opensearchserverless_vpc_endpoint", "name"): Rule("opensearch-serverless-name", _AOSS_NAME),
    ("aws_bedrock_guardrail", "name"): Rule("bedrock-guardrail-name", _GUARDRAIL),
    ("aws_bedrock_provisioned_model_throughput", "provisioned_model_name"):
        Rule("bedrock-provisioned-model-name", _PT_NAME),
    ("aws_cloudwatch_log_group", "name"): Rule("cloudwatch-log-group-name", _LOG_GROUP),
    ("aws_route53_resolver_endpoint", "name"): Rule("route53-resolver-name", _RESOLVER_NAME),
    ("aws_route53_resolver_rule", "name"): Rule("route53-resolver-name", _RESOLVER_NAME),
    ("google_service_account", "account_id"): Rule("gcp-service-account-id", _GCP_SA_ID),
    ("google_iam_workload_identity_pool", "workload_identity_pool_id"): Rule("gcp-workload-identity-id", _WIF_ID),
    ("google_iam_workload_identity_pool_provider", "workload_identity_pool_provider_id"):
        Rule("gcp-workload-identity-id", _WIF_ID),
    ("google_storage_bucket", "name"): Rule("gcs-bucket-name", _GCS_BUCKET),
    ("google_bigquery_dataset", "dataset_id"): Rule("bigquery-dataset-id", _BQ_DATASET),
    ("azurerm_resource_group", "name"): Rule("azure-resource-group-name", _AZURE_RG),
    ("azurerm_cognitive_account", "name"): Rule("azure-cognitive-account-name", _AZURE_COGNITIVE),
    ("azurerm_cognitive_account", "custom_subdomain_name"): Rule("azure-cognitive-account-name", _AZURE_COGNITIVE),
}
for _type in ("google_compute_router", "google_compute_ha_vpn_gateway", "google_compute_external_vpn_gateway",
              "google_compute_vpn_tunnel", "google_compute_interconnect_attachment", "google_compute_global_address",
              "google_compute_address", "google_compute_forwarding_rule", "google_compute_router_interface",
              "google_compute_router_peer", "google_compute_network", "google_compute_subnetwork"):
    RULES[(_type, "name")] = Rule("gce-resource-name", _GCE_NAME)
# google_compute_global_forwarding_rule for Private Service Connect to Google APIs: 1-20 characters, lowercase
# letters and digits only, starting with a letter ("Create an endpoint", PSC for Google APIs).
RULES[("google_compute_global_forwarding_rule", "name")] = Rule(
    "gcp-psc-endpoint-name", _pattern(r"[a-z][a-z0-9]*", 1, 20,
                                      "lowercase letters and digits only, starting with a letter (PSC endpoints)"))
