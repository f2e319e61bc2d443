"""Emulator smoke test of the supported subset: `terraform apply` of a golden aws/ stack against moto, driven by
pytest-terraform's runner, read back through boto3, planned again (no changes) and destroyed (nothing left).

This proves, for the resource types moto implements, that the rendered stack creates what the report claims
(bucket protections, trust conditions, logging targets, private DNS, cache auth) and that its plan is stable. It
does not prove the stack applies in AWS: moto accepts values AWS refuses (the value lint covers the known ones),
and the types listed in UNSUPPORTED are never applied here."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from conftest import GOLDEN
from moto_stack import FAKE_CREDENTIALS, copy_stack, moto_server
from pytest_terraform.tf import TerraformRunner

pytestmark = pytest.mark.emulator

ACCOUNT = "111122223333"
REGION = "us-east-1"
PREFIX = "support-assistant-prod"
GOLDEN_STACK = GOLDEN / "aws-bedrock" / "aws"
SPEC_VPC = "vpc-0a1b2c3d4e5f67890"
SPEC_SUBNETS = ("subnet-0a1b2c3d4e5f67891", "subnet-0a1b2c3d4e5f67892")
LOGS_SSE = "AES256"  # the spec asks for no customer-managed key on the invocation logs
OIDC_HOST = "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"

# Every resource type of the aws-bedrock stack is in exactly one of these (tested: the plan's types are their union).
APPLIED = {
    "aws_s3_bucket", "aws_s3_bucket_public_access_block", "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_ownership_controls", "aws_s3_bucket_policy", "aws_s3_bucket_versioning", "aws_iam_role",
    "aws_iam_role_policy", "aws_cloudwatch_log_group", "aws_bedrock_model_invocation_logging_configuration",
    "aws_security_group", "aws_vpc_endpoint", "aws_elasticache_user", "aws_kms_key", "aws_kms_alias",
}
# moto 5.2.5 does not implement these: each has a probe that must keep failing (when moto implements one, the probe
# test fails: move the type to APPLIED and assert what it creates).
UNSUPPORTED = {
    "aws_bedrock_guardrail": ("bedrock", "create_guardrail",
                              {"name": "probe", "blockedInputMessaging": "x", "blockedOutputsMessaging": "x"}),
    "aws_bedrock_provisioned_model_throughput": ("bedrock", "create_provisioned_model_throughput",
                                                 {"modelUnits": 1, "provisionedModelName": "probe", "modelId": "m"}),
    "aws_eks_pod_identity_association": ("eks", "create_pod_identity_association",
                                         {"clusterName": "ai-platform", "namespace": "n", "serviceAccount": "s",
                                          "roleArn": f"arn:aws:iam::{ACCOUNT}:role/probe"}),
    "aws_elasticache_user_group": ("elasticache", "create_user_group", {"UserGroupId": "probe", "Engine": "valkey"}),
    "aws_opensearchserverless_access_policy": ("opensearchserverless", "create_access_policy",
                                               {"name": "probe", "type": "data", "policy": "[]"}),
    "aws_opensearchserverless_vpc_endpoint": ("opensearchserverless", "batch_get_vpc_endpoint", {"ids": ["probe"]}),
    # created but never deleted by moto (destroy would fail, and "destroy leaves nothing" is part of the test)
    "aws_opensearchserverless_security_policy": ("opensearchserverless", "delete_security_policy",
                                                 {"name": "probe", "type": "encryption"}),
    "aws_elasticache_subnet_group": ("elasticache", "delete_cache_subnet_group", {"CacheSubnetGroupName": "probe"}),
}
# moto implements the API but answers the provider's create with a 500 (no probe can tell when that changes; the
# apply would): not applied.
EMULATOR_FAILS = {"aws_opensearchserverless_collection"}
# Not applied because they need an unsupported resource first.
NEEDS_UNSUPPORTED = {"aws_bedrock_guardrail_version": "aws_bedrock_guardrail",
                     "aws_elasticache_replication_group": "aws_elasticache_user_group"}
# Addresses of applied types that are left out for the same reason (targeting them would pull the dependency in).
NEEDS_UNSUPPORTED_ADDRESSES = {
    "module.workload_inference_router.aws_iam_role_policy.this": "its statements name the guardrail and the "
                                                                 "provisioned throughput ARNs",
    "module.workload_indexer.aws_iam_role_policy.this": "its statements name the vector collection",
    "module.data_vectors.aws_opensearchserverless_security_policy.network": "it names the collection's VPC endpoint",
}
# Supported, left out for time: the provider polls ~55 s per bucket for the emulator to report the rules consistently.
LEFT_OUT = {"aws_s3_bucket_lifecycle_configuration"}


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for key, value in {**FAKE_CREDENTIALS, "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(key, value)
    for key in ("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "TF_PLUGIN_CACHE_DIR", "TF_DATA_DIR"):
        monkeypatch.delenv(key, raising=False)
    with moto_server(ACCOUNT) as endpoint:
        yield endpoint


def client(endpoint: str, service: str):  # type: ignore[no-untyped-def]
    return boto3.client(service, endpoint_url=endpoint, region_name=REGION)


def platform(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """What exists before the stack: the VPC and subnets the spec names, the callers' security group (the stack's
    one input, passed as TF_VAR_client_security_group_ids), the EKS cluster's OIDC provider. Returns the
    replacements of the spec's ids by the emulator's."""
    ec2 = client(endpoint, "ec2")
    vpc = ec2.create_vpc(CidrBlock="10.10.0.0/16")["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    ids = {SPEC_VPC: vpc}
    for i, spec_subnet in enumerate(SPEC_SUBNETS):
        ids[spec_subnet] = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.10.{i}.0/24",
                                             AvailabilityZone=f"{REGION}{'ab'[i]}")["Subnet"]["SubnetId"]
    callers = ec2.create_security_group(GroupName="eks-cluster-sg", Description="router pods", VpcId=vpc)["GroupId"]
    monkeypatch.setenv("TF_VAR_client_security_group_ids", json.dumps([callers]))
    ids["callers"] = callers
    client(endpoint, "iam").create_open_id_connect_provider(Url=f"https://{OIDC_HOST}", ClientIDList=["sts.amazonaws.com"],
                                                            ThumbprintList=["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"])
    return ids


def runner(stack: Path, monkeypatch: pytest.MonkeyPatch) -> TerraformRunner:
    from tfschema.harness import ensure_profile

    profile = ensure_profile("aws5-google7")  # the real aws 5.100.0 provider from the local mirror
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", str(profile.cli_config))
    monkeypatch.setenv("CHECKPOINT_DISABLE", "1")
    monkeypatch.setenv("GOGC", "400")  # fewer Go collections in terraform and the provider: less CPU, same result
    work = stack.parent / "work"
    work.mkdir()
    tf = TerraformRunner(str(work), module_dir=str(stack), tf_bin="terraform")
    tf.init()
    return tf


def planned_types(tf: TerraformRunner) -> dict[str, str]:
    """Resource address (without instance keys) -> type, from an untargeted plan."""
    plan = Path(tf.work_dir) / "full.tfplan"
    tf.plan(str(plan))
    shown = json.loads(tf._run_cmd([tf.tf_bin, "show", "-json", str(plan)], output=True))
    return {f"{r['module_address']}.{r['type']}.{r['name']}": r["type"] for r in shown["resource_changes"]}


def applied(addresses: dict[str, str]) -> list[str]:
    return [a for a, t in sorted(addresses.items()) if t in APPLIED and a not in NEEDS_UNSUPPORTED_ADDRESSES]


def apply_supported(tf: TerraformRunner, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    addresses = planned_types(tf)
    targets = " ".join(f"-target={a}" for a in applied(addresses))
    monkeypatch.setenv("TF_CLI_ARGS_plan", targets)
    monkeypatch.setenv("TF_CLI_ARGS_destroy", targets)
    tf.apply()
    return addresses


def test_every_type_of_the_stack_is_classified() -> None:
    text = "\n".join(p.read_text() for p in GOLDEN_STACK.rglob("*.tf"))
    import re

    declared = set(re.findall(r'^resource "(aws_[a-z0-9_]+)"', text, flags=re.M))
    assert declared == APPLIED | set(UNSUPPORTED) | set(NEEDS_UNSUPPORTED) | LEFT_OUT | EMULATOR_FAILS


@pytest.mark.parametrize("resource_type", sorted(UNSUPPORTED))
def test_skipped_types_are_still_unsupported_by_the_emulator(resource_type: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The same moto, in process, where an unimplemented action raises NotImplementedError (over HTTP it is a bare
    500). When this fails, moto implements the type: move it to APPLIED and assert what it creates."""
    from moto import mock_aws

    for key, value in {**FAKE_CREDENTIALS, "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(key, value)
    service, operation, args = UNSUPPORTED[resource_type]
    with mock_aws():
        try:
            getattr(boto3.client(service, region_name=REGION), operation)(**args)
        except NotImplementedError:
            return
        except ClientError as exc:  # EKS answers unknown routes with 404 "Not yet implemented"
            assert "not yet implemented" in str(exc).lower(), exc
            return
    pytest.fail(f"moto now implements {operation}: apply {resource_type} and assert what it creates")


def check_bucket(s3, bucket: str, sse: str) -> None:  # type: ignore[no-untyped-def]
    block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert block == {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                     "RestrictPublicBuckets": True}, block
    (rule,) = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == sse
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    tls = [s for s in policy["Statement"] if s["Effect"] == "Deny"
           and s.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"]
    assert tls and tls[0]["Action"] == "s3:*", policy


def check_irsa_trust(iam, role: str, subject: str) -> None:  # type: ignore[no-untyped-def]
    (statement,) = iam.get_role(RoleName=role)["Role"]["AssumeRolePolicyDocument"]["Statement"]
    assert statement["Action"] == "sts:AssumeRoleWithWebIdentity"
    assert statement["Principal"]["Federated"] == f"arn:aws:iam::{ACCOUNT}:oidc-provider/{OIDC_HOST}"
    assert statement["Condition"]["StringEquals"] == {f"{OIDC_HOST}:sub": subject, f"{OIDC_HOST}:aud": "sts.amazonaws.com"}


def test_aws_bedrock_stack_applies_reads_back_replans_clean_and_destroys(
        tmp_path: Path, emulator: str, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = platform(emulator, monkeypatch)
    callers = ids.pop("callers")
    stack = copy_stack(GOLDEN_STACK, tmp_path, emulator, ids)
    tf = runner(stack, monkeypatch)
    addresses = apply_supported(tf, monkeypatch)
    assert set(addresses.values()) <= APPLIED | set(UNSUPPORTED) | set(NEEDS_UNSUPPORTED) | LEFT_OUT | EMULATOR_FAILS

    s3, iam = client(emulator, "s3"), client(emulator, "iam")
    check_bucket(s3, f"{PREFIX}-documents-{ACCOUNT}", "aws:kms")
    check_bucket(s3, f"{PREFIX}-bedrock-logs-{ACCOUNT}", LOGS_SSE)
    check_irsa_trust(iam, f"{PREFIX}-indexer", "system:serviceaccount:indexer:indexer")
    (router_trust,) = iam.get_role(RoleName=f"{PREFIX}-inference-router")["Role"]["AssumeRolePolicyDocument"]["Statement"]
    assert router_trust["Principal"] == {"Service": "pods.eks.amazonaws.com"}
    assert sorted(router_trust["Action"]) == ["sts:AssumeRole", "sts:TagSession"]

    logging = client(emulator, "bedrock").get_model_invocation_logging_configuration()["loggingConfig"]
    assert logging["s3Config"]["bucketName"] == f"{PREFIX}-bedrock-logs-{ACCOUNT}"
    assert logging["cloudWatchConfig"]["logGroupName"] == f"/aws/bedrock/{PREFIX}/invocations"
    assert logging["cloudWatchConfig"]["roleArn"].endswith(f":role/{PREFIX}-bedrock-logging")
    (endpoint,) = client(emulator, "ec2").describe_vpc_endpoints(
        Filters=[{"Name": "service-name", "Values": [f"com.amazonaws.{REGION}.bedrock-runtime"]}])["VpcEndpoints"]
    assert endpoint["PrivateDnsEnabled"] is True and endpoint["VpcEndpointType"] == "Interface"
    (group,) = client(emulator, "ec2").describe_security_groups(GroupIds=[g["GroupId"] for g in endpoint["Groups"]])[
        "SecurityGroups"]
    assert [(r["FromPort"], [p["GroupId"] for p in r["UserIdGroupPairs"]], r["IpRanges"]) for r in group["IpPermissions"]] \
        == [(443, [callers], [])]  # the callers' group only, no CIDR
    users = {u["UserId"]: u for u in client(emulator, "elasticache").describe_users()["Users"]}
    assert users[f"{PREFIX}-inference-router"]["Authentication"]["Type"] == "iam"
    assert users[f"{PREFIX}-cache-default"]["AccessString"] == "off -@all"

    monkeypatch.setenv("TF_CLI_ARGS_plan", " ".join(
        ["-detailed-exitcode"] + [f"-target={a}" for a in applied(addresses)]))
    tf.plan()  # exit code 2 (changes) raises: a second plan must show no changes

    # Negative control: widen the indexer's trust to the whole namespace behind Terraform's back. The read-back check
    # must reject it, and the next plan must see the drift (exit 2) so an apply would narrow the trust again.
    widened = iam.get_role(RoleName=f"{PREFIX}-indexer")["Role"]["AssumeRolePolicyDocument"]
    widened["Statement"][0]["Condition"]["StringEquals"][f"{OIDC_HOST}:sub"] = "system:serviceaccount:indexer:*"
    iam.update_assume_role_policy(RoleName=f"{PREFIX}-indexer", PolicyDocument=json.dumps(widened))
    with pytest.raises(AssertionError):
        check_irsa_trust(iam, f"{PREFIX}-indexer", "system:serviceaccount:indexer:indexer")
    with pytest.raises(subprocess.CalledProcessError) as drift:
        tf.plan()
    assert drift.value.returncode == 2, "the widened trust must show as a change to apply"

    tf.destroy()
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == []
    assert [r["RoleName"] for r in iam.list_roles()["Roles"] if r["RoleName"].startswith(PREFIX)] == []
    assert client(emulator, "logs").describe_log_groups(logGroupNamePrefix="/aws/bedrock")["logGroups"] == []
    assert [u for u in client(emulator, "elasticache").describe_users()["Users"] if u["UserId"].startswith(PREFIX)] == []
    endpoints = client(emulator, "ec2").describe_vpc_endpoints()["VpcEndpoints"]
    assert [e["VpcEndpointId"] for e in endpoints if e["State"].lower() != "deleted"] == []  # as AWS, kept as deleted
