"""GCP's audit logs landing in an AWS control plane's log store, keyless (`audit.land_in: control_plane` with AWS the
control plane). The GCP home project's audit module gets a log sink to Pub/Sub and a push subscription whose OIDC
token is signed as a service account of its own; the AWS home stack gets the receiver (an HTTP API with a JWT
authorizer for Google's issuer and one exact audience, and a function that admits only that service account) and
its Firehose stream writes under `gcp/` in the trail's bucket, the only writer the bucket admits there.

Apply order: aws (the receiver; its endpoint is handed to gcp), gcp (sink, pusher, subscription; the pusher's unique
id is handed back), then aws again (the function pins that id too). Until a value is handed over it is null and the
part that needs it waits, as every hand-over does."""

from __future__ import annotations

from dataclasses import replace

from mcai.spec.models import Spec
from mcai.topology.gcp import GCP_SERVICE_ACCOUNT_ID, PROJECT
from mcai.topology.handovers import step_text
from mcai.topology.links_context import Additions
from mcai.topology.model import Expr, Landing, ModuleCall, Output, Resource, Stack
from mcai.topology.names import Namer, NameRule

RECEIVER_NAME = NameRule("audit receiver name (API, function, stream, roles)", 1, 40, r"[A-Za-z][A-Za-z0-9-]*",
                         "letters, digits and '-', starting with a letter")
PUBSUB_NAME = NameRule("Pub/Sub topic, subscription and log sink name", 4, 100, r"[a-z][a-z0-9-]*[a-z0-9]",
                       "lowercase letters, digits and '-', starting with a letter")
PREFIX = "gcp/"
# What the sink and the push need enabled in the project, besides what the audit module itself declares.
LANDING_APIS = ("iam.googleapis.com", "logging.googleapis.com", "pubsub.googleapis.com")
RECEIVER_RESOURCES = tuple(Resource(t, a) for t, a in (
    ("aws_apigatewayv2_api", "this"), ("aws_apigatewayv2_authorizer", "google"),
    ("aws_apigatewayv2_integration", "function"), ("aws_apigatewayv2_route", "push"),
    ("aws_apigatewayv2_stage", "default"), ("aws_lambda_function", "this"), ("aws_lambda_permission", "api"),
    ("aws_iam_role", "function"), ("aws_iam_role_policy", "function"), ("aws_cloudwatch_log_group", "function"),
    ("aws_cloudwatch_log_group", "access"), ("aws_kms_key", "receiver"), ("aws_kms_alias", "receiver"),
    ("aws_kinesis_firehose_delivery_stream", "this"), ("aws_iam_role", "writer"), ("aws_iam_role_policy", "writer"),
    ("aws_cloudwatch_log_group", "delivery"), ("aws_cloudwatch_log_stream", "delivery")))
EXPORT_RESOURCES = tuple(Resource(t, a) for t, a in (
    ("google_pubsub_topic", "aws[0]"), ("google_logging_project_sink", "aws[0]"),
    ("google_pubsub_topic_iam_member", "sink_publishes[0]"), ("google_service_account", "pusher[0]"),
    ("google_service_account_iam_member", "pubsub_mints_tokens[0]"), ("google_pubsub_subscription", "aws[0]"),
    ("google_pubsub_topic", "aws_refused[0]"), ("google_pubsub_subscription", "aws_refused[0]"),
    ("google_pubsub_topic_iam_member", "pubsub_forwards_refused[0]"),
    ("google_pubsub_subscription_iam_member", "pubsub_removes_forwarded[0]")))
# Dead lettering in gcp-audit-logs (main.export.tf): its topic and pull subscription are the sink's name plus this
# suffix, and a push is dead-lettered after this many delivery attempts (tests check the module agrees).
REFUSED_SUFFIX = "-refused"
MAX_DELIVERY_ATTEMPTS = 20
STEP = (
    "Audit landing (GCP -> AWS log store): {endpoint}, then apply this stack. It creates log sink {sink} (the "
    "project's Admin Activity logs{data_access}) into topic {sink}, service account {email} (no key and no role; "
    "only the project's Pub/Sub service agent may mint its tokens) and push subscription {sink}, which posts each "
    "entry to the {aws} stack's receiver with a token for audience `{audience}`. The identity that applies needs "
    "iam.serviceAccounts.actAs on that account (roles/iam.serviceAccountUser on it) to create the subscription. "
    "Then {subject}, and re-apply the {aws} stack: its function then also pins the token's subject (the account's "
    "unique id); until then it admits the verified email alone, which a deleted and re-created account of the same "
    "name would also carry. Entries land in bucket {bucket} under gcp/<yyyy>/<MM>/<dd>/<HH>/ as gzipped JSON "
    "lines, encrypted with the trail's key. Entries the receiver still refuses after {attempts} delivery attempts "
    "(over two hours of backoff; a 403 until a re-created pusher's unique id is handed over, or a receiver down that "
    "long) are not dropped: they move to topic {refused} and wait seven days in its pull subscription {refused}. "
    "To replay them once the cause is fixed, pull them (`gcloud pubsub subscriptions pull {refused} "
    "--project={project} --limit=100 --format=json`), publish each message's base64-decoded `data` back to topic "
    "{sink} (`gcloud pubsub topics publish {sink} --project={project} --message=...`), which pushes it again, and "
    "then acknowledge the pulled ones (`gcloud pubsub subscriptions ack {refused} --project={project} "
    "--ack-ids=...`).")


def lands_gcp_in_aws(spec: Spec) -> bool:
    """GCP's audit logs are pushed into an AWS control plane's log store."""
    return (spec.audit is not None and spec.audit.land_in == "control_plane" and spec.control_plane == "aws"
            and spec.clouds.aws is not None and spec.clouds.gcp is not None)


def land(stacks: list[Stack], spec: Spec, namer: Namer) -> list[Stack]:
    """`stacks` (home stack of each cloud first, the AWS trail already merged in) with GCP's audit logs landing in
    the AWS home account's trail bucket, when the spec asks; else unchanged."""
    aws = next((s for s in stacks if s.cloud == "aws"), None)
    gcp = next((s for s in stacks if s.cloud == "gcp"), None)
    if not lands_gcp_in_aws(spec) or aws is None or gcp is None or "audit_trail" not in aws.calls_by_label:
        return stacks
    project = spec.clouds.gcp.project_id  # type: ignore[union-attr]
    path = ("audit", "land_in")
    receiver = namer.name(RECEIVER_NAME, _fit(f"{spec.prefix}-audit-receiver", 40, f"audit-receiver-{spec.environment}"),
                          path)
    sink = namer.name(PUBSUB_NAME, f"{spec.prefix}-audit-to-aws", path)
    account_id = namer.name(GCP_SERVICE_ACCOUNT_ID,
                            _fit(f"{spec.prefix}-audit-push", 30, f"audit-push-{spec.environment}"), path)
    email = f"{account_id}@{project}.iam.gserviceaccount.com"
    audience = f"mcai:audit-receiver:{aws.account}:{spec.prefix}"
    trail = aws.calls_by_label["audit_trail"]

    to_aws = Additions()
    subject = to_aws.var("audit_pusher_subject_id", "string",
                         f"The {gcp.name} stack's output `audit_pusher_unique_id` (the audit pusher's unique id): the "
                         "receiver then pins the token's subject too; null until the gcp stack is applied.",
                         None, required=False, handover=(gcp.name, "audit_pusher_unique_id"))
    to_aws.modules.append(ModuleCall(
        label="audit_receiver", module="aws-audit-receiver",
        purpose="GCP's audit logs into the trail's bucket under gcp/: an HTTP API admitting Google tokens for one "
                "audience, a function admitting one service account, a Firehose stream (no key)",
        inputs={"name": receiver, "account_id": aws.account, "region": aws.provider_settings["region"],
                "log_bucket_arn": Expr("module.audit_trail.bucket_arn"),
                "log_kms_key_arn": Expr("module.audit_trail.kms_key_arn"), "prefix": PREFIX, "audience": audience,
                "pusher_email": email, "pusher_subject": subject,
                "subscription": f"projects/{project}/subscriptions/{sink}"},
        resources=RECEIVER_RESOURCES, spec_path=path))
    to_aws.outputs.append(Output("audit_receiver_endpoint", Expr("module.audit_receiver.push_endpoint"),
                                 "Where GCP's audit log entries are pushed: the gcp stack's audit_receiver_endpoint."))
    to_aws.landings.append(_landing(gcp.name, project, spec.clouds.gcp.project_number,  # type: ignore[union-attr]
                                    receiver, sink, email, audience, trail.inputs["bucket_name"],
                                    aws.provider_settings["region"]))
    writers = {**trail.inputs.get("landing_writers", {}), PREFIX: Expr("module.audit_receiver.writer_role_arn")}
    aws = _with_inputs(to_aws.merge_into(aws), "audit_trail", {"landing_writers": writers})

    to_gcp = Additions()
    endpoint = to_gcp.var("audit_receiver_endpoint", "string",
                          f"The {aws.name} stack's output `audit_receiver_endpoint`; null until that stack is "
                          "applied, and no push subscription until then.",
                          None, required=False, handover=(aws.name, "audit_receiver_endpoint"))
    landing = {"name": sink, "service_account_id": account_id,
               "project_number": spec.clouds.gcp.project_number,  # type: ignore[union-attr]
               "audience": audience, "push_endpoint": endpoint}
    logs = gcp.calls_by_label.get("audit_logs")
    services = list(logs.inputs["services"]) if logs else []
    to_gcp.outputs += [
        Output("audit_pusher_unique_id", Expr("module.audit_logs.pusher_unique_id"),
               "The audit pusher's unique id: each aws stack's audit_pusher_subject_id."),
        Output("audit_pusher_email", Expr("module.audit_logs.pusher_email"),
               "The service account the audit push signs its tokens as (the one the AWS receiver admits).")]
    to_gcp.manual_steps.append(STEP.format(
        endpoint=step_text(spec, aws.name, "audit_receiver_endpoint", gcp.name, "audit_receiver_endpoint"),
        sink=sink, email=email, aws=aws.name, audience=audience, bucket=trail.inputs["bucket_name"],
        attempts=MAX_DELIVERY_ATTEMPTS, refused=f"{sink}{REFUSED_SUFFIX}", project=project,
        data_access=f" and the Data Access logs of {', '.join(services)}" if services else "",
        subject=step_text(spec, gcp.name, "audit_pusher_unique_id", aws.name, "audit_pusher_subject_id")))
    if logs is None:  # no audited service: the Admin Activity logs alone are pushed
        to_gcp.modules.append(_export_only())
    gcp = to_gcp.merge_into(gcp)
    gcp = _with_inputs(gcp, "audit_logs", {"aws_landing": landing}, EXPORT_RESOURCES)
    gcp = replace(gcp, google_apis=tuple(sorted(set(gcp.google_apis) | set(LANDING_APIS))))
    return [aws if s.name == aws.name else gcp if s.name == gcp.name else s for s in stacks]


def _landing(source: str, project: str, number: str, receiver: str, sink: str, email: str, audience: str,
             bucket: str, region: str) -> Landing:
    """The push as a use of the pusher service account: each hop states exactly what the two stacks grant."""
    return Landing(
        source=source, source_cloud="gcp", principal=f"Pub/Sub push service account {email}",
        logs=f"Cloud Audit Logs of project {project} (Admin Activity, and Data Access where turned on)",
        store=f"S3 bucket {bucket}, under {PREFIX}",
        identity=(f"log sink {sink}'s writer identity: roles/pubsub.publisher on topic {sink} only",
                  f"service account {email} (no key, no role): only the Pub/Sub service agent "
                  f"service-{number}@gcp-sa-pubsub.iam.gserviceaccount.com may mint its OIDC token "
                  f"(roles/iam.serviceAccountTokenCreator on that account), issuer https://accounts.google.com, "
                  f"audience {audience}",
                  f"HTTP API {receiver}: a JWT authorizer checks Google's signature, that issuer and exactly that "
                  "audience on route POST /push only",
                  f"function {receiver}-function admits email {email} (verified) and, once handed over (gcp output "
                  f"audit_pusher_unique_id), its unique id as sub, from subscription {sink} only; its role may "
                  f"firehose:PutRecord into stream {receiver} only",
                  f"role {receiver}-writer (Firehose): s3:PutObject under {PREFIX} of {bucket} and the trail key's "
                  f"GenerateDataKey through S3 only; the bucket denies every other principal's puts under {PREFIX}"),
        network=("Pub/Sub pushes from Google's network to the API's public execute-api endpoint over TLS; Firehose "
                 "writes to S3 inside AWS; no private link carries it (a push subscription cannot use the VPC)"),
        endpoints=f"<api id>.execute-api.{region}.amazonaws.com, firehose.{region}.amazonaws.com, "
                  f"s3.{region}.amazonaws.com",
        step=STEP.split(":", 1)[0], prerequisites=(f"Google APIs enabled by the gcp stack: {', '.join(LANDING_APIS)}",))


def _fit(name: str, limit: int, fallback: str) -> str:
    """`name` when it fits the limit, else the shorter fallback (the account or project already scopes it)."""
    return name if len(name) <= limit else fallback


def _export_only() -> ModuleCall:
    return ModuleCall(
        label="audit_logs", module="gcp-audit-logs",
        purpose="The project's Admin Activity audit logs pushed to the AWS control plane's log store (no Data Access "
                "logs: the workloads call no audited Google API)",
        inputs={"project_id": PROJECT, "services": []}, resources=(), spec_path=("audit", "land_in"))


def _with_inputs(stack: Stack, label: str, inputs: dict, resources: tuple[Resource, ...] = ()) -> Stack:
    """`stack` with module call `label` given more inputs (and reporting more resources)."""
    modules = tuple(replace(m, inputs={**m.inputs, **inputs}, resources=m.resources + resources)
                    if m.label == label else m for m in stack.modules)
    return replace(stack, modules=modules)
