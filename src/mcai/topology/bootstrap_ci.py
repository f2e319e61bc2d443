"""CI identities on every other cloud and account of the estate: `bootstrap-<stack>/` beside each stack whose account
does not hold the state (`bootstrap-azure/`, `bootstrap-aws-workloads/`), so the same CI pipeline can plan or apply
every stack with its own short-lived token, trusted in each account for exactly its repository and branch or
environment.

Why a stack of their own, not module calls in the cloud's stack: CI cannot create the identity it runs as (the first
apply of the cloud's stack would need it already), no stack CI applies may manage the trust that admits CI (the
roles CI holds are checked apart, in findings/ci_trust.py), and a rename in the cloud's stack must never replace the
identity applying it mid-run. So, like the control plane's bootstrap, each is applied once by an administrator of
that account, after `bootstrap/` (its state lives in the store that one creates) and before any stack CI runs.
"""

from __future__ import annotations

from dataclasses import replace

from mcai.spec import ValidSpec
from mcai.spec.accounts import home_of
from mcai.topology import accounts
from mcai.topology import names as rules
from mcai.topology.aws import AWS_PROVIDER
from mcai.topology.bootstrap_clouds import oidc_providers, roles_of
from mcai.topology.bootstrap_common import backend
from mcai.topology.builder import StackBuilder
from mcai.topology.model import BOOTSTRAP_STACK, Expr, ModuleCall, Output, Resource, Stack
from mcai.topology.names import Namer


def stack_name(cloud: str, account: str | None) -> str:
    return f"{BOOTSTRAP_STACK}-{accounts.stack_name(cloud, account)}"


def stacks(vspec: ValidSpec, namer: Namer, store: dict[str, str]) -> list[Stack]:
    """One CI-identity stack per account outside the state's (`store`: the bootstrap's state store names); none
    without CI identities."""
    spec = vspec.spec
    if spec.bootstrap is None or not spec.bootstrap.ci:
        return []
    out = []
    for cloud in ("aws", "azure", "gcp"):
        declared = getattr(spec.clouds, cloud)
        if declared is None:
            continue
        for view, account in accounts.views(vspec, cloud):
            if cloud == spec.control_plane and account == home_of(declared):
                continue  # the bootstrap stack holds this account's CI identities, beside the state
            stack = {"aws": _aws, "azure": _azure, "gcp": _gcp}[cloud](StackBuilder(view, namer), account)
            name = stack_name(cloud, account)
            out.append(replace(stack, name=name, backend=backend(vspec, store, name)))
    return out


def _steps(b: StackBuilder, cloud: str, where: str, roles_key: str, aws_account: str | None = None) -> None:
    spec = b.vspec.spec
    boot = spec.bootstrap
    assert boot is not None
    b.manual_steps.append(
        f"Apply this stack after bootstrap/ (its state lives in the store that one creates) and before any stack CI "
        f"runs in {where}, with administrator credentials for {where} (and for the state store in the "
        f"{spec.control_plane} control plane): CI cannot create the identity it runs as, and no stack CI applies "
        "manages a CI identity or its trust. That alone does not stop a pipeline changing its own trust: a role listed "
        "for it that edits IAM where the identity lives still would (mcai refuses blanket administrator roles and "
        "reports the others as ci-can-change-own-trust).")
    for key, ci in sorted(boot.ci.items()):
        roles = roles_of(ci, cloud, spec.control_plane, aws_account)
        rights = (f"it gets {', '.join(roles)}" if roles else
                  f"it gets nothing: list in bootstrap.ci.{key}.{roles_key} what the stacks' resources need (mcai "
                  "grants no role by default), or its runs fail with access denied")
        b.manual_steps.append(
            f"CI identity '{key}' ({ci.provider}, {ci.access}) in {where} admits only tokens with subject "
            f"{ci.subject} from {ci.issuer}: {rights}. Its Terraform state access is the bootstrap's identity "
            f"'{key}' in {spec.control_plane}: a job running a stack of {where} authenticates to both with the same "
            "token.")


def _roles_key(cloud: str, control_plane: str) -> str:
    return "roles" if cloud == control_plane else f"roles_on.{cloud}"


# -- AWS -------------------------------------------------------------------------------------------------------------
def _aws(b: StackBuilder, account: str | None) -> Stack:
    spec = b.vspec.spec
    aws, boot = spec.clouds.aws, spec.bootstrap
    assert aws is not None and boot is not None
    providers = oidc_providers(b, aws.account_id)
    roles = {key: {"name": b.namer.name(rules.AWS_IAM_ROLE, f"{spec.prefix}-ci-{key}", ("bootstrap", "ci", key)),
                   "access": ci.access, "issuer": ci.issuer, "subject": ci.subject,
                   "oidc_provider_arn": providers[ci.provider],
                   "managed_policy_arns": roles_of(ci, "aws", spec.control_plane, aws.account_id)}
             for key, ci in sorted(boot.ci.items())}
    b.modules.append(ModuleCall(
        label="ci", module="aws-ci-roles",
        purpose="One IAM role per CI pipeline, assumed with the pipeline's OIDC token: no access key anywhere",
        inputs={"ci_roles": roles},
        resources=tuple([Resource("aws_iam_role", f'ci["{key}"]') for key in roles] + [
            Resource("aws_iam_role_policy_attachment", f'ci["{key} {arn}"]') for key, r in roles.items()
            for arn in r["managed_policy_arns"]]), spec_path=("bootstrap", "ci")))
    b.outputs.append(Output("ci_role_arns", Expr("module.ci.ci_role_arns"),
                            "Role per CI pipeline in this account: role-to-assume (GitHub) or ROLE_ARN (GitLab)."))
    where = f"AWS account {aws.account_id}"
    _steps(b, "aws", where, _roles_key("aws", spec.control_plane), aws.account_id)
    b.manual_steps.append(
        "CI configuration: a job running a stack of this account assumes the output ci_role_arns[<name>] for the aws "
        "provider (GitHub: aws-actions/configure-aws-credentials with role-to-assume; GitLab: `id_tokens: { "
        "AWS_TOKEN: { aud: sts.amazonaws.com } }` and `aws sts assume-role-with-web-identity`). No access key is "
        "stored in CI.")
    return b.freeze("aws", aws.account_id, AWS_PROVIDER, {"region": aws.region, "account_id": aws.account_id},
                    aws.region)


# -- Azure -----------------------------------------------------------------------------------------------------------
def _azure(b: StackBuilder, account: str | None) -> Stack:
    from mcai.topology.azure import AZURE_RESOURCE_GROUP, AZURERM_PROVIDER
    from mcai.topology.identity import AZURE_MANAGED_IDENTITY

    spec = b.vspec.spec
    azure, boot = spec.clouds.azure, spec.bootstrap
    assert azure is not None and boot is not None
    group = b.namer.name(AZURE_RESOURCE_GROUP, f"rg-{spec.prefix}-ci", ("bootstrap", "ci"))
    identities = {key: {"name": b.namer.name(AZURE_MANAGED_IDENTITY, f"id-{spec.prefix}-ci-{key}",
                                             ("bootstrap", "ci", key)),
                        "access": ci.access, "issuer": ci.issuer, "subject": ci.subject,
                        "roles": roles_of(ci, "azure", spec.control_plane)}
                  for key, ci in sorted(boot.ci.items())}
    resources = [Resource("azurerm_resource_group", "ci")]
    resources += [Resource(t, f'ci["{key}"]') for key in identities for t in (
        "azurerm_user_assigned_identity", "azurerm_federated_identity_credential")]
    resources += [Resource("azurerm_role_assignment", f'ci["{key} {role}"]') for key, i in identities.items()
                  for role in i["roles"]]
    b.modules.append(ModuleCall(
        label="ci", module="azure-ci-identities",
        purpose="One managed identity per CI pipeline, trusted through a federated credential: no secret anywhere",
        inputs={"resource_group_name": group, "location": azure.location, "subscription_id": azure.subscription_id,
                "ci_identities": identities, "tags": Expr("local.default_tags")},
        resources=tuple(resources), spec_path=("bootstrap", "ci")))
    b.outputs.append(Output("ci_client_ids", Expr("module.ci.ci_client_ids"),
                            "Client id per CI pipeline in this subscription: ARM_CLIENT_ID for its azurerm provider."))
    where = f"Azure subscription {azure.subscription_id}"
    _steps(b, "azure", where, _roles_key("azure", spec.control_plane))
    b.manual_steps.append(
        "CI configuration: a job running a stack of this subscription sets ARM_USE_OIDC=true, ARM_CLIENT_ID = the "
        f"output ci_client_ids[<name>], ARM_TENANT_ID = {azure.tenant_id} and ARM_SUBSCRIPTION_ID (GitHub: "
        "`permissions: id-token: write`; GitLab: `id_tokens: { ARM_OIDC_TOKEN: { aud: api://AzureADTokenExchange } "
        "}`). No client secret is stored in CI.")
    settings = {"subscription_id": azure.subscription_id, "tenant_id": azure.tenant_id,
                "resource_providers": ["Microsoft.Authorization", "Microsoft.ManagedIdentity"]}
    return b.freeze("azure", azure.subscription_id, AZURERM_PROVIDER, settings, None)


# -- GCP -------------------------------------------------------------------------------------------------------------
def _gcp(b: StackBuilder, account: str | None) -> Stack:
    from mcai.topology import gcp as gcp_stack
    from mcai.topology.identity import GCP_WIF_ID

    spec = b.vspec.spec
    gcp, boot = spec.clouds.gcp, spec.bootstrap
    assert gcp is not None and boot is not None
    # pool ids are per project: the same id in each project (and stays reserved 30 days after deletion)
    pool = b.namer.name(GCP_WIF_ID, f"{spec.prefix}-ci", ("bootstrap",))
    pipelines = {key: {"provider": ci.provider, "access": ci.access, "issuer": ci.issuer, "subject": ci.subject,
                       "roles": roles_of(ci, "gcp", spec.control_plane)} for key, ci in sorted(boot.ci.items())}
    resources = [Resource("google_iam_workload_identity_pool", "ci")]
    resources += [Resource("google_iam_workload_identity_pool_provider", f'ci["{p}"]')
                  for p in sorted({ci.provider for ci in boot.ci.values()})]
    resources += [Resource("google_project_iam_member", f'ci["{key} {role}"]') for key, p in pipelines.items()
                  for role in p["roles"]]
    b.modules.append(ModuleCall(
        label="ci", module="gcp-ci-pool",
        purpose="A workload identity pool admitting each CI pipeline's own token: no key, no service account",
        inputs={"project_id": Expr("module.project_services.project_id"), "pool_id": pool,
                "ci_pipelines": pipelines},
        resources=tuple(resources), spec_path=("bootstrap", "ci")))
    b.outputs.append(Output("ci_providers", Expr("module.ci.ci_providers"),
                            "Pool provider per issuer in this project: workload_identity_provider (GitHub) or the "
                            "token audience (GitLab)."))
    where = f"GCP project {gcp.project_id}"
    _steps(b, "gcp", where, _roles_key("gcp", spec.control_plane))
    b.manual_steps.append(
        "CI configuration: a job running a stack of this project authenticates with google-github-actions/auth and "
        "workload_identity_provider = the output ci_providers[\"github\"] (no service_account: the pipeline is its own "
        "principal), or on GitLab with an id_token whose aud is https://iam.googleapis.com/<the output "
        "ci_providers[\"gitlab\"]>. No key is stored in CI. Pool and provider ids stay reserved for 30 days after "
        "deletion.")
    stack = b.freeze("gcp", gcp.project_id, gcp_stack.GOOGLE_PROVIDER, {"project": gcp.project_id,
                                                                        "region": gcp.region}, None)
    return gcp_stack.with_project_services(stack)

