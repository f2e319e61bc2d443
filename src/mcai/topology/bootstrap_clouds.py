"""The bootstrap stack per control-plane cloud: module calls, outputs and the steps that say exactly what each CI
identity may do (`bootstrap.py` places the stack first and points every backend at its store)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from mcai.spec import ValidSpec
from mcai.spec.bootstrap import CiIdentity
from mcai.topology import names as rules
from mcai.topology.aws import AWS_PROVIDER
from mcai.topology.bootstrap_common import READ_ONLY, STACK, backend, first_apply_steps, state_key_prefix
from mcai.topology.builder import StackBuilder
from mcai.topology.model import Expr, ModuleCall, Output, Resource, Stack
from mcai.topology.names import Namer, NameRule


def build(vspec: ValidSpec, namer: Namer) -> tuple[Stack, dict[str, str]]:
    """The bootstrap stack and the names of its state store (bucket, or resource group and storage account)."""
    cloud = vspec.spec.control_plane
    b = StackBuilder(vspec, namer)
    names, stack = {"aws": _aws, "azure": _azure, "gcp": _gcp}[cloud](b)
    return replace(stack, name=STACK, backend=backend(vspec, names, STACK)), names


def roles_of(ci: CiIdentity, cloud: str, control_plane: str, aws_account: str | None = None) -> list[str]:
    """What the identity gets on `cloud` besides state: `roles` on the control plane, `roles_on` elsewhere, else the
    defaults (read-only for plan, nothing for apply). In AWS account `aws_account`, a customer-managed policy is
    attached only in the account it names (AWS managed policies in every account)."""
    listed = ci.roles if cloud == control_plane else ci.roles_on.get(cloud)
    if listed is None:
        return list(READ_ONLY[cloud]) if ci.access == "plan" else []
    return [r for r in listed if aws_account is None or r.split(":")[4] in ("aws", aws_account)]


def _grants(vspec: ValidSpec, state: str, lock_only: str, write: str, cloud: str) -> list[str]:
    """One step per CI identity stating exactly what it may do (least privilege, written down)."""
    b = vspec.spec.bootstrap
    assert b is not None
    steps = []
    for key, ci in sorted(b.ci.items()):
        roles = roles_of(ci, cloud, cloud)
        rights = lock_only if ci.access == "plan" else write
        extra = (f"; besides state: {', '.join(roles)}" if roles else
                 "; nothing besides state: list in bootstrap.ci." + key + ".roles what the stacks' resources need "
                 "(mcai grants no role by default), or applies fail with access denied")
        steps.append(f"CI identity '{key}' ({ci.provider}, {ci.access}) admits only tokens with subject "
                     f"{ci.subject} from {ci.issuer}: it {rights} under {state}{extra}.")
    return steps


def oidc_providers(b: StackBuilder, account_id: str) -> dict[str, str | Expr]:
    """issuer -> the IAM OIDC provider the account's CI roles trust: created once per issuer in this stack, or the
    one the account already has (`bootstrap.existing_aws_oidc_providers`)."""
    boot = b.vspec.spec.bootstrap
    assert boot is not None
    providers: dict[str, str | Expr] = {}
    for issuer in sorted({ci.provider for ci in boot.ci.values()}):
        ci = next(c for c in boot.ci.values() if c.provider == issuer)
        host = ci.issuer.removeprefix("https://")
        if issuer in boot.existing_aws_oidc_providers:
            # IAM allows one provider per issuer URL in an account: adopt the one that exists (its ARN is fixed)
            providers[issuer] = f"arn:aws:iam::{account_id}:oidc-provider/{host}"
            continue
        ref = f"ci_oidc_{issuer}"
        b.modules.append(ModuleCall(
            label=ref, module="aws-oidc-provider",
            purpose=f"IAM OIDC provider for {ci.issuer} (one per issuer in the account; list it under "
                    "bootstrap.existing_aws_oidc_providers if the account already has it)",
            inputs={"issuer_url": ci.issuer}, resources=(Resource("aws_iam_openid_connect_provider", "this"),),
            spec_path=("bootstrap", "ci")))
        providers[issuer] = Expr(f"module.{ref}.arn")
    return providers


# -- AWS -------------------------------------------------------------------------------------------------------------
def _aws(b: StackBuilder) -> tuple[dict[str, str], Stack]:
    spec = b.vspec.spec
    aws, boot = spec.clouds.aws, spec.bootstrap
    assert aws is not None and boot is not None
    bucket = b.namer.name(rules.AWS_S3_BUCKET, f"{spec.prefix}-tfstate-{aws.account_id}", ("bootstrap",))
    providers = oidc_providers(b, aws.account_id)
    roles = {key: {"name": b.namer.name(rules.AWS_IAM_ROLE, f"{spec.prefix}-ci-{key}", ("bootstrap", "ci", key)),
                   "access": ci.access, "issuer": ci.issuer, "subject": ci.subject,
                   "oidc_provider_arn": providers[ci.provider], "managed_policy_arns": roles_of(ci, "aws", "aws", aws.account_id)}
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
    return {"bucket": bucket}, stack


# -- Azure -----------------------------------------------------------------------------------------------------------
AZURE_STORAGE_ACCOUNT = NameRule("storage account name", 3, 24, r"[a-z0-9]+", "lowercase letters and digits")


def _azure(b: StackBuilder) -> tuple[dict[str, str], Stack]:
    from mcai.topology.azure import AZURE_RESOURCE_GROUP, AZURERM_PROVIDER
    from mcai.topology.identity import AZURE_MANAGED_IDENTITY

    spec = b.vspec.spec
    azure, boot = spec.clouds.azure, spec.bootstrap
    assert azure is not None and boot is not None
    group = b.namer.name(AZURE_RESOURCE_GROUP, f"rg-{spec.prefix}-tfstate", ("bootstrap",))
    # globally unique, 3-24 characters: the estate's letters and digits plus a digest of the subscription
    digest = hashlib.sha256(azure.subscription_id.encode()).hexdigest()[:6]
    account = b.namer.name(AZURE_STORAGE_ACCOUNT, f"st{re.sub('[^a-z0-9]', '', spec.prefix)[:14]}tf{digest}",
                           ("bootstrap",))
    identities = {key: {"name": b.namer.name(AZURE_MANAGED_IDENTITY, f"id-{spec.prefix}-ci-{key}",
                                             ("bootstrap", "ci", key)),
                        "access": ci.access, "issuer": ci.issuer, "subject": ci.subject,
                        "roles": roles_of(ci, "azure", "azure")}
                  for key, ci in sorted(boot.ci.items())}
    resources = [Resource("azurerm_resource_group", "state"), Resource("azurerm_storage_account", "state"),
                 Resource("azurerm_storage_container", "state")]
    resources += [Resource(t, f'{n}["{key}"]') for key in identities for t, n in (
        ("azurerm_user_assigned_identity", "ci"), ("azurerm_federated_identity_credential", "ci"),
        ("azurerm_role_assignment", "state"))]
    b.modules.append(ModuleCall(
        label="state", module="azure-bootstrap",
        purpose="Terraform state of every stack (storage account with Entra ID auth only, versioning, soft delete) "
                "and one managed identity per CI pipeline, trusted through a federated credential: no secret anywhere",
        inputs={"resource_group_name": group, "location": azure.location, "subscription_id": azure.subscription_id,
                "storage_account_name": account, "ci_identities": identities, "tags": Expr("local.default_tags")},
        resources=tuple(resources), spec_path=("bootstrap",)))
    b.outputs += [Output("state_storage_account", Expr("module.state.storage_account_name"),
                         "Storage account of every stack's state."),
                  Output("ci_client_ids", Expr("module.state.ci_client_ids"),
                         "Client id per CI pipeline: ARM_CLIENT_ID in its jobs.")]
    b.manual_steps += first_apply_steps(b.vspec, f"subscription {azure.subscription_id}")
    b.manual_steps += _grants(b.vspec, f"container tfstate of storage account {account}",
                              "reads state and takes the state lease (Storage Blob Data Contributor on the container: "
                              "the azurerm backend locks with a blob lease, which is a write)",
                              "reads and writes state (Storage Blob Data Contributor on the container)", "azure")
    b.manual_steps.append(
        "CI configuration: jobs set ARM_USE_OIDC=true, ARM_CLIENT_ID = the output ci_client_ids[<name>], "
        f"ARM_TENANT_ID = {azure.tenant_id} and ARM_SUBSCRIPTION_ID; GitHub Actions jobs need `permissions: "
        "id-token: write`, GitLab jobs request `id_tokens: { ARM_OIDC_TOKEN: { aud: api://AzureADTokenExchange } }`. "
        "No client secret is stored in CI.")
    settings = {"subscription_id": azure.subscription_id, "tenant_id": azure.tenant_id,
                "resource_providers": ["Microsoft.Authorization", "Microsoft.ManagedIdentity", "Microsoft.Storage"],
                # the storage account has shared keys off: without this the provider's reads of its data-plane
                # settings (blob and queue properties) use a shared key and fail
                "storage_use_azuread": True}
    return {"resource_group": group, "storage_account": account}, b.freeze(
        "azure", azure.subscription_id, AZURERM_PROVIDER, settings, None)


# -- GCP -------------------------------------------------------------------------------------------------------------
def _gcp(b: StackBuilder) -> tuple[dict[str, str], Stack]:
    from mcai.topology import gcp as gcp_stack
    from mcai.topology.identity import GCP_WIF_ID

    spec = b.vspec.spec
    gcp, boot = spec.clouds.gcp, spec.bootstrap
    assert gcp is not None and boot is not None
    bucket = b.namer.name(gcp_stack.GCP_BUCKET, f"{spec.prefix}-tfstate-{gcp.project_number}", ("bootstrap",))
    pool = b.namer.name(GCP_WIF_ID, f"{spec.prefix}-ci", ("bootstrap",))
    pipelines = {key: {"provider": ci.provider, "access": ci.access, "issuer": ci.issuer, "subject": ci.subject,
                       "roles": roles_of(ci, "gcp", "gcp")} for key, ci in sorted(boot.ci.items())}
    resources = [Resource("google_storage_bucket", "state"), Resource("google_iam_workload_identity_pool", "ci")]
    resources += [Resource("google_iam_workload_identity_pool_provider", f'ci["{p}"]')
                  for p in sorted({ci.provider for ci in boot.ci.values()})]
    resources += [Resource("google_storage_bucket_iam_member", f'read["{key}"]') for key in pipelines]
    resources += [Resource("google_storage_bucket_iam_member", f'lock["{key}"]') for key, ci in pipelines.items()
                  if ci["access"] == "plan"]
    b.modules.append(ModuleCall(
        label="state", module="gcp-bootstrap",
        purpose="Terraform state of every stack (Cloud Storage, versioned, uniform access, public access prevented) "
                "and a workload identity pool admitting each CI pipeline's own token: no key, no service account",
        inputs={"project_id": Expr("module.project_services.project_id"), "location": gcp.region,
                "state_bucket_name": bucket, "pool_id": pool, "ci_pipelines": pipelines},
        resources=tuple(resources), spec_path=("bootstrap",)))
    b.outputs += [Output("state_bucket", Expr("module.state.state_bucket"), "Bucket of every stack's state."),
                  Output("ci_providers", Expr("module.state.ci_providers"),
                         "Pool provider per issuer: workload_identity_provider (GitHub) or the token audience.")]
    b.manual_steps += first_apply_steps(b.vspec, f"project {gcp.project_id}")
    b.manual_steps += _grants(b.vspec, f"gs://{bucket}",
                              "reads state (Storage Object Viewer) and writes only *.tflock lock objects (Storage "
                              "Object User under an IAM condition)", "reads and writes state (Storage Object User)",
                              "gcp")
    b.manual_steps.append(
        "CI configuration: GitHub Actions jobs need `permissions: id-token: write` and google-github-actions/auth "
        "with workload_identity_provider = the output ci_providers[\"github\"] (no service_account: the pipeline is "
        "its own principal); GitLab jobs request an id_token whose aud is "
        "https://iam.googleapis.com/<the output ci_providers[\"gitlab\"]> and exchange it with `gcloud iam "
        "workload-identity-pools create-cred-config`. No key is stored in CI. Pool and provider ids stay reserved "
        "for 30 days after deletion.")
    stack = b.freeze("gcp", gcp.project_id, gcp_stack.GOOGLE_PROVIDER, {"project": gcp.project_id,
                                                                        "region": gcp.region}, None)
    return {"bucket": bucket}, gcp_stack.with_project_services(stack)
