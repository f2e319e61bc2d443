"""The estate's audit trail (`audit:` in the spec): a CloudTrail trail in the AWS home account, logging management
events (every Bedrock runtime call is one) and the Bedrock data events of the resources the estate creates, into a
log bucket of its own. With `land_in: control_plane` and GCP the control plane, the gcp stack also gets the log store
and a Storage Transfer Service job that copies the trail's files keylessly (an IAM role trusting the project's
transfer agent through accounts.google.com); with Azure the control plane, Microsoft Sentinel reads them
(`audit_sentinel.py`). Pairs that do not land are reported in `findings/audit.py`."""

from __future__ import annotations

from typing import Any

from mcai.spec.models import Spec
from mcai.topology import audit_azure, audit_sentinel, audit_sentinel_gcp
from mcai.topology.gcp import GCP_BUCKET, PROJECT
from mcai.topology.handovers import step_text
from mcai.topology.links_context import Additions
from mcai.topology.model import Expr, Landing, ModuleCall, Output, Resource, Stack
from mcai.topology.names import AWS_IAM_ROLE, AWS_S3_BUCKET, Namer, NameRule

CLOUDTRAIL_NAME = NameRule("CloudTrail trail name", 3, 128, r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]",
                           "letters, digits, '.', '_' and '-'")
RESOURCES = (
    Resource("aws_cloudtrail", "this"), Resource("aws_s3_bucket", "this"),
    Resource("aws_s3_bucket_ownership_controls", "this"), Resource("aws_s3_bucket_versioning", "this"),
    Resource("aws_s3_bucket_public_access_block", "this"),
    Resource("aws_s3_bucket_server_side_encryption_configuration", "this"),
    Resource("aws_s3_bucket_lifecycle_configuration", "this"), Resource("aws_s3_bucket_policy", "this"),
    Resource("aws_kms_key", "this"), Resource("aws_kms_alias", "this"))
TRANSFER_RESOURCES = (Resource("aws_iam_role", "google_transfer[0]"), Resource("aws_iam_role_policy", "google_transfer[0]"))
LANDING_RESOURCES = (
    Resource("google_storage_bucket", "this"),
    Resource("google_storage_bucket_iam_member", 'transfer["roles/storage.legacyBucketWriter"]'),
    Resource("google_storage_bucket_iam_member", 'transfer["roles/storage.objectViewer"]'))
SECOND_TRAIL_STEP = (
    "Audit trail: the {stack} stack creates trail {trail} (management events and Bedrock data events, into bucket "
    "{bucket}). If the account already has a trail with management events (an organization trail, say), this "
    "second copy is billed (USD 2.00 per 100,000 management events: aws.amazon.com/cloudtrail/pricing, read "
    "2026-12-02); its value is the estate's own, encrypted, versioned store that the other clouds' copies join.")
TRANSFER_APIS = "Google APIs enabled by the gcp stack: storage.googleapis.com, storagetransfer.googleapis.com"
LANDING_STEP = (
    "Audit landing (AWS -> GCP log store): after applying this stack, {handover}, then re-apply {stacks}: that "
    "creates {roles}, trusting accounts.google.com for the project's Storage Transfer Service agent only (that "
    "subject id), allowed to list, read and decrypt the trail's log files. Until then the hourly transfer job fails "
    "with AccessDenied and retries at the next run; nothing is copied with a key.")


def data_resource_types(spec: Spec) -> list[str]:
    """CloudTrail `resources.type` values of the Bedrock resources the estate calls whose calls are data events:
    knowledge-base queries (Retrieve, RetrieveAndGenerate) and stand-alone ApplyGuardrail calls."""
    kinds = {getattr(store, "kind", None) for store in spec.data.values() if getattr(store, "cloud", None) == "aws"}
    types = ["AWS::Bedrock::KnowledgeBase"] if "bedrock_knowledge_base" in kinds else []
    if any(m.provider == "bedrock" and m.guardrail is not None for m in spec.models.values()):
        types.append("AWS::Bedrock::Guardrail")
    return sorted(types)


def lands_in_gcp(spec: Spec) -> bool:
    """The AWS trail's files are copied into a GCP control plane's log store (the one keyless landing mcai builds)."""
    return (spec.audit is not None and spec.audit.land_in == "control_plane" and spec.control_plane == "gcp"
            and spec.clouds.aws is not None)


def apply(stacks: list[Stack], spec: Spec, namer: Namer) -> list[Stack]:
    """`stacks` with the audit trail and its landings added."""
    sentinel: dict[str, dict[str, str]] = {}
    adds = additions(stacks, spec, namer, sentinel)
    stacks = [adds[s.name].merge_into(s) if s.name in adds else s for s in stacks]
    azure = next((s for s in stacks if s.cloud == "azure"), None)
    if sentinel and azure is not None:
        add = Additions()
        landed = audit_sentinel.azure_side(add, spec, azure, sentinel)
        stacks = [add.merge_into(landed) if s is azure else s for s in stacks]
    return audit_sentinel_gcp.land(stacks, spec, namer)  # GCP's audit logs into an Azure control plane's Sentinel


def additions(stacks: list[Stack], spec: Spec, namer: Namer,
              sentinel: dict[str, dict[str, str]] | None = None) -> dict[str, Additions]:
    """What the audit trail adds, by stack name: a trail in every AWS account's stack (a trail records its own
    account only, and Bedrock may run in any of them); when the logs land in a GCP control plane, the log store in
    the GCP home stack, and the export of every Azure stack's diagnostic logs (`topology/audit_azure.py`)
    (`stacks`: every workload stack; the home stack of each cloud comes first)."""
    audit = spec.audit
    if audit is None:
        return {}
    gcp_stack = next((s.name for s in stacks if s.cloud == "gcp"), "gcp")
    azure_stack = next((s.name for s in stacks if s.cloud == "azure"), "azure")
    out: dict[str, Additions] = {}
    trails: dict[str, dict[str, str]] = {}
    regions: dict[str, str] = {}
    for aws in (s for s in stacks if s.cloud == "aws"):
        add = out.setdefault(aws.name, Additions())
        account, region = aws.account, aws.provider_settings["region"]
        trail = namer.name(CLOUDTRAIL_NAME, f"{spec.prefix}-audit", ("audit",))
        bucket = namer.name(AWS_S3_BUCKET, f"{spec.prefix}-audit-trail-{account}", ("audit",))
        inputs = {"trail_name": trail, "bucket_name": bucket, "account_id": account, "region": region,
                  "bedrock_data_resource_types": data_resource_types(spec), "retention_days": audit.retention_days}
        resources = RESOURCES
        if lands_in_gcp(spec):
            role = namer.name(AWS_IAM_ROLE, f"{spec.prefix}-audit-transfer", ("audit", "land_in"))
            subject = add.var("audit_transfer_subject_id", "string",
                              "The gcp stack's output `audit_transfer_subject_id` (the project's Storage Transfer "
                              "Service agent); null until the gcp stack is applied, and no reader role until then.",
                              None, required=False, handover=(gcp_stack, "audit_transfer_subject_id"))
            inputs["google_transfer"] = {"role_name": role, "subject_id": subject}
            resources += TRANSFER_RESOURCES
            regions[aws.name] = region
            trails[aws.name] = {"bucket_name": bucket, "path": f"AWSLogs/{account}/",
                                "role_arn": f"arn:aws:iam::{account}:role/{role}"}
        if audit_sentinel.lands_in_azure(spec) and sentinel is not None:
            read = audit_sentinel.aws_side(add, spec, namer, aws, azure_stack, bucket)
            inputs["sentinel"] = {k: read[k] for k in ("oidc_provider_arn", "audience", "role_name", "queue_name",
                                                       "workspace_id")}
            resources += audit_sentinel.AWS_RESOURCES
            sentinel[aws.name] = read
        add.modules.append(ModuleCall(
            label="audit_trail", module="aws-audit-trail",
            purpose="CloudTrail trail for Bedrock calls (management events, knowledge-base and guardrail data "
                    "events) into an encrypted, versioned log bucket", inputs=inputs, resources=resources,
            spec_path=("audit",)))
        add.outputs += [Output("audit_trail_arn", Expr("module.audit_trail.trail_arn"),
                               "The estate's CloudTrail trail in this account (Bedrock calls and data events)."),
                        Output("audit_trail_bucket", Expr("module.audit_trail.bucket_name"),
                               "Bucket holding the trail's log files, under AWSLogs/<account id>/CloudTrail/.")]
        add.manual_steps.append(SECOND_TRAIL_STEP.format(stack=aws.name, trail=trail, bucket=bucket))
    if not trails and not audit_azure.exporting(stacks, spec):
        return out
    landing = out.setdefault(gcp_stack, Additions())
    gcp = spec.clouds.gcp
    assert gcp is not None
    store = namer.name(GCP_BUCKET, f"{spec.prefix}-audit-logs-{gcp.project_number}", ("audit", "land_in"))
    landing.landings += [_aws_landing(spec, name, t, regions[name], store) for name, t in sorted(trails.items())]
    if trails:
        landing.manual_steps.append(LANDING_STEP.format(
            stacks=" and ".join(f"the {name} stack" for name in sorted(trails)),
            roles=" and ".join(f"role {t['role_arn']}" for _, t in sorted(trails.items())),
            handover="; ".join(step_text(spec, gcp_stack, "audit_transfer_subject_id", name,
                                         "audit_transfer_subject_id") for name in sorted(trails))))
    azure, sources = audit_azure.additions(stacks, spec, namer, gcp_stack, landing, store)
    out.update(azure)
    _gcp_landing(landing, store, spec, trails, sources, audit.retention_days)
    return out


def _aws_landing(spec: Spec, source: str, trail: dict[str, str], region: str, store: str) -> Landing:
    """The copy of one AWS account's trail files as a use of the project's transfer agent (what the aws-audit-trail
    role and the gcp-audit-landing job grant)."""
    assert spec.clouds.gcp is not None
    project, account = spec.clouds.gcp.project_id, trail["path"].split("/")[1]
    agent = f"project-{spec.clouds.gcp.project_number}@storage-transfer-service.iam.gserviceaccount.com"
    return Landing(
        source=source, source_cloud="aws", principal=f"Storage Transfer Service agent of project {project}",
        logs=f"CloudTrail log files of account {account}", store=f"Cloud Storage bucket {store}, under aws/{trail['path']}",
        identity=(f"Google-managed service agent {agent}: Google signs its ID token (issuer accounts.google.com); no "
                  "key exists",
                  f"STS AssumeRoleWithWebIdentity into IAM role {trail['role_arn']}, whose trust admits "
                  "accounts.google.com:sub = that agent's subject id only (gcp output audit_transfer_subject_id)",
                  f"role policy read-audit-logs: s3:ListBucket on {trail['bucket_name']} under {trail['path']}*, "
                  f"s3:GetObject on {trail['path']}* and kms:Decrypt through S3 only",
                  f"roles/storage.legacyBucketWriter and roles/storage.objectViewer on bucket {store} only"),
        network=("Google's transfer workers call AWS's public STS and S3 endpoints over TLS and write through Cloud "
                 "Storage's API; no private link carries it (Storage Transfer runs in Google's network, not the VPC)"),
        endpoints=f"sts.amazonaws.com, s3.{region}.amazonaws.com, storage.googleapis.com",
        step=LANDING_STEP.split(":", 1)[0], prerequisites=(TRANSFER_APIS,))


def _gcp_landing(add: Additions, store: str, spec: Spec, trails: dict[str, dict[str, str]],
                 azure: dict[str, dict[str, Any]], days: int) -> None:
    gcp = spec.clouds.gcp
    assert gcp is not None
    inputs: dict[str, Any] = {"project_id": PROJECT, "bucket_name": store, "location": gcp.region,
                              "retention_days": days}
    inputs |= {"aws_trails": dict(sorted(trails.items()))} if trails else {}
    inputs |= {"azure_logs": dict(sorted(azure.items()))} if azure else {}
    copied = " and ".join(w for w, on in (("AWS's CloudTrail files", trails), ("Azure's diagnostic logs", azure)) if on)
    add.modules.append(ModuleCall(
        label="audit_landing", module="gcp-audit-landing",
        purpose=f"The control plane's log store: {copied} copied hourly by Storage Transfer Service through "
                "federated identities (no key)",
        inputs=inputs,
        resources=LANDING_RESOURCES + tuple(Resource("google_storage_transfer_job", f'aws_trail["{name}"]')
                                            for name in sorted(trails))
        + tuple(Resource("google_storage_transfer_job", f'azure_logs["{name}/{c}"]')
                for name, a in sorted(azure.items()) for c in a["containers"]),
        spec_path=("audit", "land_in")))
    where = "; ".join(w for w, on in (("AWS's CloudTrail files under aws/AWSLogs/", trails),
                                      ("Azure's diagnostic logs under azure/insights-logs-<category>/", azure)) if on)
    add.outputs += [Output("audit_transfer_subject_id", Expr("module.audit_landing.transfer_subject_id"),
                           "Subject id of the project's Storage Transfer Service agent: each aws stack's and azure "
                           "stack's audit_transfer_subject_id (its reader role or federated credential trusts this "
                           "subject only)."),
                    Output("audit_log_bucket", Expr("module.audit_landing.bucket_name"),
                           f"The control plane's log store: {where}.")]
