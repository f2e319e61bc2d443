"""Audit landing into an Azure control plane: Microsoft Sentinel on the azure stack's Log Analytics workspace, and its
Amazon Web Services S3 connector reading each AWS account's CloudTrail files keylessly. In every AWS account's stack:
the IAM OIDC provider for Sentinel's issuer (Microsoft's own Entra tenant) and audience, an SQS queue the trail bucket
announces new files on, and a role (`OIDC_...`, the connector requires the prefix) trusting that provider for the
audience and the session names Sentinel uses for THIS workspace only. Values from Microsoft's "Connect Microsoft
Sentinel to Amazon Web Services to ingest AWS service log data" (commercial cloud)."""

from __future__ import annotations

from dataclasses import replace

from mcai.spec.models import Spec
from mcai.topology.handovers import step_text
from mcai.topology.links_context import Additions
from mcai.topology.model import Expr, Landing, ModuleCall, Output, Resource, Stack
from mcai.topology.names import AWS_IAM_ROLE, Namer, NameRule

# Microsoft Sentinel's token issuer (its Entra tenant, commercial cloud) and the audience of its registered app.
SENTINEL_ISSUER = "https://sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/"
SENTINEL_AUDIENCE = "api://1462b192-27f7-4cb9-8523-0f4ecb54b47e"
DESTINATION_TABLE = "AWSCloudTrail"
SQS_QUEUE = NameRule("SQS queue name", 1, 80, r"[A-Za-z0-9_-]+", "letters, digits, '-' and '_'")
AWS_RESOURCES = tuple(Resource(t, "sentinel[0]") for t in (
    "aws_sqs_queue", "aws_sqs_queue_policy", "aws_s3_bucket_notification", "aws_iam_role", "aws_iam_role_policy"))
WORKSPACE_OUTPUT = "audit_sentinel_workspace_id"
ROLE_OUTPUT = "audit_sentinel_role_arn"
OIDC_LABEL = "sentinel_oidc"
LANDING_STEP = (
    "Audit landing (AWS -> Microsoft Sentinel in the {azure} stack): {order}. Until the role exists the trail bucket "
    "still announces each file on queue {queues} (kept 14 days), so nothing written meanwhile is lost; nothing is "
    "copied with a key. Sentinel assumes {roles} with a token from Microsoft's tenant (issuer "
    "sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/, audience {audience}) whose session name carries this "
    "workspace's id, so another workspace's connector, in this tenant or another, cannot.")
CONTENT_HUB_STEP = (
    "Audit landing (AWS -> Microsoft Sentinel): once the {azure} stack's first apply has onboarded Sentinel on "
    "workspace {workspace}, and before the re-apply that creates its S3 connector, install the \"Amazon Web "
    "Services\" solution from Microsoft Sentinel's Content hub on that workspace (Microsoft lists it as the "
    "connector's prerequisite); the identity applying the stack needs Microsoft Sentinel Contributor on the "
    "workspace (Contributor includes it).")
OIDC_STEP = (
    "Audit landing (AWS -> Microsoft Sentinel): IAM allows one OIDC provider per issuer in account {account}. If it "
    "already has one for sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/ (Microsoft Defender for Cloud's AWS "
    "connector creates it), the {stack} stack's apply fails with EntityAlreadyExists. mcai does not adopt that "
    "provider yet, and importing it as module.{label} would replace its audiences with {audience} alone, cutting "
    "Defender off: in such an account keep `audit.land_in: each_cloud` for now.")


def lands_in_azure(spec: Spec) -> bool:
    """The AWS trails' files are read into an Azure control plane's workspace by Microsoft Sentinel."""
    return (spec.audit is not None and spec.audit.land_in == "control_plane" and spec.control_plane == "azure"
            and spec.clouds.aws is not None and spec.clouds.azure is not None)


def aws_side(add: Additions, spec: Spec, namer: Namer, aws: Stack, azure_stack: str, bucket: str) -> dict[str, str]:
    """The AWS account's half (added to `add`), returning the trail call's `sentinel` input and what the azure stack
    needs: the role's ARN (known by name; handed over once it exists) and the queue's URL."""
    account, region = aws.account, aws.provider_settings["region"]
    role = namer.name(AWS_IAM_ROLE, f"OIDC_{spec.prefix}-sentinel", ("audit", "land_in"))
    queue = namer.name(SQS_QUEUE, f"{spec.prefix}-audit-sentinel", ("audit", "land_in"))
    add.modules.append(ModuleCall(
        label=OIDC_LABEL, module="aws-oidc-provider",
        purpose="IAM OIDC provider for Microsoft Sentinel's token issuer (Microsoft's tenant): the audit reader role "
                "trusts it for Sentinel's audience and this workspace's session name, never a key",
        inputs={"issuer_url": SENTINEL_ISSUER, "audience": SENTINEL_AUDIENCE},
        resources=(Resource("aws_iam_openid_connect_provider", "this"),), spec_path=("audit", "land_in")))
    workspace = add.var(WORKSPACE_OUTPUT, "string",
                        f"The {azure_stack} stack's output `{WORKSPACE_OUTPUT}` (the Log Analytics workspace's GUID "
                        "Sentinel names its sessions after); null until that stack is applied, and no reader role "
                        "until then.", None, required=False, handover=(azure_stack, WORKSPACE_OUTPUT))
    add.outputs.append(Output(ROLE_OUTPUT, Expr("module.audit_trail.sentinel_role_arn"),
                              "The role Microsoft Sentinel's S3 connector assumes (null until the workspace id is "
                              "given): the azure stack creates the connector once it exists."))
    add.manual_steps.append(OIDC_STEP.format(account=account, stack=aws.name, audience=SENTINEL_AUDIENCE,
                                             label=OIDC_LABEL))
    return {"role_name": role, "queue_name": queue, "workspace_id": workspace,  # type: ignore[dict-item]
            "oidc_provider_arn": Expr(f"module.{OIDC_LABEL}.arn"), "audience": SENTINEL_AUDIENCE,
            "role_arn": f"arn:aws:iam::{account}:role/{role}",
            "sqs_url": f"https://sqs.{region}.amazonaws.com/{account}/{queue}", "bucket": bucket,
            "connector": f"aws-cloudtrail-{account}", "account": account, "region": region}


def _role_variable(aws_stack: str) -> str:
    """The azure stack's input for one aws stack's role ARN (stack names may hold '-')."""
    return f"{aws_stack.replace('-', '_')}_{ROLE_OUTPUT}"


def azure_side(add: Additions, spec: Spec, azure: Stack, landings: dict[str, dict[str, str]]) -> Stack:
    """The azure stack with Sentinel onboarded on its workspace and one S3 connector per AWS stack (`landings`, by
    stack name), each created once that stack hands over its role's ARN."""
    connectors = {}
    for name, landing in sorted(landings.items()):
        role = add.var(_role_variable(name), "string",
                       f"The {name} stack's output `{ROLE_OUTPUT}`; null until that stack is re-applied with this "
                       "stack's workspace id, and no connector until then.", None, required=False,
                       handover=(name, ROLE_OUTPUT))
        connectors[landing["connector"]] = {"role_arn": role, "sqs_url": landing["sqs_url"]}
    foundation = next(m for m in azure.modules if m.label == "foundation")
    resources = foundation.resources + (Resource("azurerm_sentinel_log_analytics_workspace_onboarding", "this[0]"),) \
        + tuple(Resource("azurerm_sentinel_data_connector_aws_s3", f'this["{c}"]') for c in connectors)
    # The workspace now holds the estate's audit copy: keep it as long as the trail keeps its files (the workspace's
    # interactive retention stops at 730 days), never shorter than the spec's own diagnostics retention.
    logs = foundation.inputs["log_analytics"]
    kept = max(logs["retention_days"], min(spec.audit.retention_days if spec.audit else 0, 730))
    sentinel = replace(foundation, inputs={**foundation.inputs, "sentinel": {"aws_s3": connectors},
                                           "log_analytics": {**logs, "retention_days": kept}},
                       resources=resources,
                       purpose=foundation.purpose + "; Microsoft Sentinel on it, reading AWS's CloudTrail files "
                       f"(kept {kept} days, as the audit trail)")
    add.outputs.append(Output(WORKSPACE_OUTPUT, Expr("module.foundation.log_analytics_customer_id"),
                              "The Log Analytics workspace's id (GUID): each aws stack's "
                              f"`{WORKSPACE_OUTPUT}` (Sentinel's reader role admits this workspace's sessions only)."))
    workspace = foundation.inputs["log_analytics"]["name"]
    add.manual_steps.append(CONTENT_HUB_STEP.format(azure=azure.name, workspace=workspace))
    order = "; ".join(
        f"after applying this stack, {step_text(spec, azure.name, WORKSPACE_OUTPUT, name, WORKSPACE_OUTPUT)}, then "
        f"re-apply the {name} stack (it creates role {landing['role_arn']}), then "
        f"{step_text(spec, name, ROLE_OUTPUT, azure.name, _role_variable(name))} and re-apply this stack (it "
        f"creates connector {landing['connector']} into table {DESTINATION_TABLE})"
        for name, landing in sorted(landings.items()))
    add.manual_steps.append(LANDING_STEP.format(
        azure=azure.name, order=order, queues=", ".join(sorted(lnd["sqs_url"] for lnd in landings.values())),
        roles=", ".join(sorted(lnd["role_arn"] for lnd in landings.values())), audience=SENTINEL_AUDIENCE))
    add.landings += [_landing(name, landing, workspace, azure.name) for name, landing in sorted(landings.items())]
    return replace(azure, modules=tuple(sentinel if m is foundation else m for m in azure.modules))


def _landing(source: str, read: dict[str, str], workspace: str, azure: str) -> Landing:
    """One AWS account's CloudTrail files read by Sentinel, as a use (what the aws-audit-trail role and queue and the
    azure-foundation connector grant)."""
    account, region, prefix = read["account"], read["region"], f"AWSLogs/{read['account']}/CloudTrail/"
    return Landing(
        source=source, source_cloud="aws", principal="Microsoft Sentinel's Amazon Web Services S3 connector",
        logs=f"CloudTrail log files of account {account}",
        store=f"Log Analytics workspace {workspace} (Microsoft Sentinel), table {DESTINATION_TABLE}",
        identity=(f"Microsoft Sentinel's app: Microsoft's tenant signs its token (issuer {SENTINEL_ISSUER}, audience "
                  f"{SENTINEL_AUDIENCE}); no key exists",
                  f"STS AssumeRoleWithWebIdentity into IAM role {read['role_arn']} through the account's IAM OIDC "
                  "provider for that issuer, whose trust admits that audience and the session names "
                  "MicrosoftSentinel_<workspace id> and MicrosoftDefenderForClouds_<workspace id> of this workspace "
                  f"only ({azure} output {WORKSPACE_OUTPUT})",
                  f"role policy ingest-cloudtrail: receive and delete on queue {read['sqs_url']} only, s3:GetObject "
                  f"on {read['bucket']}/{prefix}* and kms:Decrypt through S3 only",
                  f"the connector writes into the workspace it is created in ({DESTINATION_TABLE})"),
        network=("Sentinel's connector calls AWS's public STS, SQS and S3 endpoints over TLS from Microsoft's "
                 "network; no private link carries it (the connector runs in Microsoft's service, not the VNet)"),
        endpoints=f"sts.amazonaws.com, sqs.{region}.amazonaws.com, s3.{region}.amazonaws.com",
        step=f"Audit landing (AWS -> Microsoft Sentinel in the {azure} stack)",
        prerequisites=("the Amazon Web Services solution from Microsoft Sentinel's Content hub on the workspace",))
