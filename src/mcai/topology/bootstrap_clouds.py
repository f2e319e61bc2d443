"""The bootstrap stack per control-plane cloud: module calls, outputs and the steps that say exactly what each CI
identity may do (`bootstrap.py` places the stack first and points every backend at its store)."""

from __future__ import annotations

from mcai.spec import ValidSpec
from mcai.spec.bootstrap import CiIdentity
from mcai.topology import names as rules
from mcai.topology.aws import AWS_PROVIDER
from mcai.topology.bootstrap import READ_ONLY, STACK, backend, first_apply_steps, state_key_prefix
from mcai.topology.builder import StackBuilder
from mcai.topology.model import Expr, ModuleCall, Output, Resource, Stack
from mcai.topology.names import Namer


def build(vspec: ValidSpec, namer: Namer) -> tuple[Stack, dict[str, str]]:
    """The bootstrap stack and the names of its state store (bucket, or resource group and storage account)."""
    cloud = vspec.spec.control_plane
    b = StackBuilder(vspec, namer)
    if cloud == "aws":
        names, stack = _aws(b)
    else:  # pragma: no cover - bootstrap_rules refuses other control planes until their modules land
        raise AssertionError(cloud)
    return stack, names


def roles_of(ci: CiIdentity, cloud: str) -> list[str]:
    if ci.roles is not None:
        return list(ci.roles)
    return list(READ_ONLY[cloud]) if ci.access == "plan" else []


def _grants(vspec: ValidSpec, state: str, lock_only: str, write: str, cloud: str) -> list[str]:
    """One step per CI identity stating exactly what it may do (least privilege, written down)."""
    b = vspec.spec.bootstrap
    assert b is not None
    steps = []
    for key, ci in sorted(b.ci.items()):
        roles = roles_of(ci, cloud)
        rights = lock_only if ci.access == "plan" else write
        extra = (f"; besides state: {', '.join(roles)}" if roles else
                 "; nothing besides state: list in bootstrap.ci." + key + ".roles what the stacks' resources need "
                 "(mcai grants no blanket administrator role), or applies fail with access denied")
        steps.append(f"CI identity '{key}' ({ci.provider}, {ci.access}) admits only tokens with subject "
                     f"{ci.subject} from {ci.issuer}: it {rights} under {state}{extra}.")
    return steps


# -- AWS -------------------------------------------------------------------------------------------------------------
def _aws(b: StackBuilder) -> tuple[dict[str, str], Stack]:
    spec = b.vspec.spec
    aws, boot = spec.clouds.aws, spec.bootstrap
    assert aws is not None and boot is not None
    bucket = b.namer.name(rules.AWS_S3_BUCKET, f"{spec.prefix}-tfstate-{aws.account_id}", ("bootstrap",))
    providers = {}
    for issuer in sorted({ci.provider for ci in boot.ci.values()}):
        ci = next(c for c in boot.ci.values() if c.provider == issuer)
        host = ci.issuer.removeprefix("https://")
        if issuer in boot.existing_aws_oidc_providers:
            # IAM allows one provider per issuer URL in an account: adopt the one that exists (its ARN is fixed)
            providers[issuer] = f"arn:aws:iam::{aws.account_id}:oidc-provider/{host}"
            continue
        ref = f"ci_oidc_{issuer}"
        b.modules.append(ModuleCall(
            label=ref, module="aws-oidc-provider",
            purpose=f"IAM OIDC provider for {ci.issuer} (one per issuer in the account; list it under "
                    "bootstrap.existing_aws_oidc_providers if the account already has it)",
            inputs={"issuer_url": ci.issuer}, resources=(Resource("aws_iam_openid_connect_provider", "this"),),
            spec_path=("bootstrap", "ci")))
        providers[issuer] = Expr(f"module.{ref}.arn")  # type: ignore[assignment]
    roles = {key: {"name": b.namer.name(rules.AWS_IAM_ROLE, f"{spec.prefix}-ci-{key}", ("bootstrap", "ci", key)),
                   "access": ci.access, "issuer": ci.issuer, "subject": ci.subject,
                   "oidc_provider_arn": providers[ci.provider], "managed_policy_arns": roles_of(ci, "aws")}
             for key, ci in sorted(boot.ci.items())}
    resources = [Resource(t, "state") for t in (
        "aws_kms_key", "aws_s3_bucket", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning",
        "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_policy")]
    resources += [Resource(t, f'{n}["{key}"]') for key in roles for t, n in (
        ("aws_iam_role", "ci"), ("aws_iam_role_policy", "state"))]
    b.modules.append(ModuleCall(
        label="state", module="aws-bootstrap",
        purpose="Terraform state of every stack (S3, versioned, KMS-encrypted, S3-native locking) and one IAM role "
                "per CI pipeline, assumed with the pipeline's OIDC token: no access key anywhere",
        inputs={"state_bucket_name": bucket, "state_key_prefix": state_key_prefix(b.vspec), "ci_roles": roles},
        resources=tuple(resources), spec_path=("bootstrap",)))
    b.outputs += [Output("state_bucket", Expr("module.state.state_bucket"), "Bucket of every stack's state."),
                  Output("ci_role_arns", Expr("module.state.ci_role_arns"),
                         "Role per CI pipeline: role-to-assume (GitHub) or ROLE_ARN (GitLab).")]
    where = f"account {aws.account_id}"
    b.manual_steps += first_apply_steps(b.vspec, where)
    b.manual_steps += _grants(b.vspec, f"s3://{bucket}/{state_key_prefix(b.vspec)}",
                              "reads state and writes only the *.tflock lock objects",
                              "reads and writes state and lock objects", "aws")
    b.manual_steps.append(
        "CI configuration: GitHub Actions jobs need `permissions: id-token: write` and "
        "aws-actions/configure-aws-credentials with role-to-assume = the output ci_role_arns[<name>]; GitLab jobs "
        "request `id_tokens: { AWS_TOKEN: { aud: sts.amazonaws.com } }` and exchange it with `aws sts "
        "assume-role-with-web-identity`. No access key is stored in CI.")
    stack = b.freeze("aws", aws.account_id, AWS_PROVIDER, {"region": aws.region, "account_id": aws.account_id},
                     aws.region)
    names = {"bucket": bucket}
    return names, _with_own_backend(b.vspec, names, stack)


def _with_own_backend(vspec: ValidSpec, names: dict[str, str], stack: Stack) -> Stack:
    from dataclasses import replace

    return replace(stack, name=STACK, backend=backend(vspec, names, STACK))
