"""The estate's audit trail (`audit:` in the spec): a CloudTrail trail in the AWS home account, logging management
events (every Bedrock runtime call is one) and the Bedrock data events of the resources the estate creates, into a
log bucket of its own. Where each other cloud's audit logs land is decided in `findings/audit.py` (reported) and
`spec/audit_rules.py` (refused)."""

from __future__ import annotations

from dataclasses import replace

from mcai.spec.models import Spec
from mcai.topology.model import Expr, ModuleCall, Output, Resource, Stack
from mcai.topology.names import AWS_S3_BUCKET, Namer, NameRule

CLOUDTRAIL_NAME = NameRule("CloudTrail trail name", 3, 128, r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]",
                           "letters, digits, '.', '_' and '-'")
RESOURCES = (
    Resource("aws_cloudtrail", "this"), Resource("aws_s3_bucket", "this"),
    Resource("aws_s3_bucket_ownership_controls", "this"), Resource("aws_s3_bucket_versioning", "this"),
    Resource("aws_s3_bucket_public_access_block", "this"),
    Resource("aws_s3_bucket_server_side_encryption_configuration", "this"),
    Resource("aws_s3_bucket_lifecycle_configuration", "this"), Resource("aws_s3_bucket_policy", "this"),
    Resource("aws_kms_key", "this"), Resource("aws_kms_alias", "this"))
SECOND_TRAIL_STEP = (
    "Audit trail: the aws stack creates trail {trail} (management events and Bedrock data events, into bucket "
    "{bucket}). If the account already has a trail with management events (an organization trail, say), this "
    "second copy is billed (USD 2.00 per 100,000 management events); its value is the estate's own, encrypted, "
    "versioned store that the other clouds' copies join.")


def data_resource_types(spec: Spec) -> list[str]:
    """CloudTrail `resources.type` values of the Bedrock resources the estate calls whose calls are data events:
    knowledge-base queries (Retrieve, RetrieveAndGenerate) and stand-alone ApplyGuardrail calls."""
    kinds = {getattr(store, "kind", None) for store in spec.data.values() if getattr(store, "cloud", None) == "aws"}
    types = ["AWS::Bedrock::KnowledgeBase"] if "bedrock_knowledge_base" in kinds else []
    if any(m.provider == "bedrock" and m.guardrail is not None for m in spec.models.values()):
        types.append("AWS::Bedrock::Guardrail")
    return sorted(types)


def with_audit_trail(stack: Stack, spec: Spec, namer: Namer) -> Stack:
    """The AWS home stack with the trail's module call, its outputs and its step."""
    audit = spec.audit
    assert audit is not None and stack.cloud == "aws"
    account, region = stack.account, stack.provider_settings["region"]
    trail = namer.name(CLOUDTRAIL_NAME, f"{spec.prefix}-audit", ("audit",))
    bucket = namer.name(AWS_S3_BUCKET, f"{spec.prefix}-audit-trail-{account}", ("audit",))
    call = ModuleCall(
        label="audit_trail", module="aws-audit-trail",
        purpose="CloudTrail trail for Bedrock calls (management events, knowledge-base and guardrail data events) "
                "into an encrypted, versioned log bucket",
        inputs={"trail_name": trail, "bucket_name": bucket, "account_id": account, "region": region,
                "bedrock_data_resource_types": data_resource_types(spec), "retention_days": audit.retention_days},
        resources=RESOURCES, spec_path=("audit",))
    outputs = (Output("audit_trail_arn", Expr("module.audit_trail.trail_arn"),
                      "The estate's CloudTrail trail (Bedrock calls and data events)."),
               Output("audit_trail_bucket", Expr("module.audit_trail.bucket_name"),
                      "Bucket holding the trail's log files, under AWSLogs/<account id>/CloudTrail/."))
    return replace(stack, modules=(*stack.modules, call),
                   outputs=tuple(sorted((*stack.outputs, *outputs), key=lambda o: o.name)),
                   manual_steps=(*stack.manual_steps, SECOND_TRAIL_STEP.format(trail=trail, bucket=bucket)))
