"""Azure's audit logs landing in an AWS control plane's log store, keyless (`audit.land_in: control_plane` with AWS
the control plane). The Azure home stack gets a Logic App (module azure-audit-push) whose managed identity queries the
stack's Log Analytics workspace for the audit categories' rows, window by window of ingestion time, and posts them in
batches to the AWS receiver's second route with a token for the identifier URI of a credential-free Entra ID
application; the receiver (module aws-audit-receiver, input `azure`) admits the tenant's v1 tokens for that audience,
and its function only the Logic App identity's object id, into a stream writing under `azure/` of the trail's bucket.

Apply order: aws (the receiver; its Azure route is handed to azure), azure (the Logic App; its identity's object id is
handed back), then aws again: until that id arrives the function refuses every Azure token, since any identity of the
tenant can get one for that audience."""

from __future__ import annotations

from dataclasses import replace

from mcai.spec.models import Spec
from mcai.topology.audit_azure import EXPORTED
from mcai.topology.audit_receiver import _fit, _with_inputs
from mcai.topology.common import provider
from mcai.topology.handovers import step_text
from mcai.topology.links_context import Additions
from mcai.topology.model import Expr, Landing, ModuleCall, Output, Resource, Stack
from mcai.topology.names import Namer, NameRule

PREFIX = "azure/"
INTERVAL_MINUTES = 15
WORKFLOW_NAME = NameRule("Logic App workflow name", 1, 80, r"[A-Za-z0-9][A-Za-z0-9_.()-]*",
                         "letters, digits, '-', '_', '.', '(' or ')'")
PUSH_RESOURCES = tuple(Resource(t, a) for t, a in (
    ("azuread_application", "receiver"), ("azuread_service_principal", "receiver"),
    ("azurerm_logic_app_workflow", "this"), ("azurerm_role_assignment", "reads_the_workspace"),
    ("azurerm_logic_app_trigger_recurrence", "every_interval"), ("azurerm_logic_app_action_custom", "query[0]"),
    ("azurerm_logic_app_action_custom", "post_batches[0]")))
RECEIVER_RESOURCES = tuple(Resource(t, a) for t, a in (
    ("aws_apigatewayv2_authorizer", "entra[0]"), ("aws_apigatewayv2_route", "push_azure[0]"),
    ("aws_lambda_permission", "api_azure[0]"), ("aws_kinesis_firehose_delivery_stream", "azure[0]"),
    ("aws_cloudwatch_log_stream", "delivery_azure[0]")))
APP_PERMISSION = ("the identity applying the {stack} stack may create Entra ID app registrations (directory role "
                  "Application Developer, or Microsoft Graph Application.ReadWrite.OwnedBy)")
STEP = (
    "Audit landing (Azure -> AWS log store): {endpoint}, then re-apply this stack. It creates Logic App {workflow}, "
    "whose managed identity (Log Analytics Reader on this stack's workspace only) runs every {interval} minutes, "
    "queries the {categories} rows ingested in the {interval} minutes before the run, and posts them in batches of "
    "about 1 MB to the {aws} stack's receiver with a token for `{audience}`, the identifier URI of Entra ID application "
    "{app} (no password, certificate or federated credential). Then {principal}, and re-apply the {aws} stack: until "
    "its function knows that object id it refuses every Azure token (any identity of the tenant can get one for that "
    "audience), so the runs before it fail and their windows are not shipped; re-run them from the workflow's run "
    "history (Resubmit) once it is applied. Rows land in bucket {bucket} under azure/<yyyy>/<MM>/<dd>/<HH>/ as "
    "gzipped JSON lines, encrypted with the trail's key. Prerequisite: " + APP_PERMISSION + ".")


def lands_azure_in_aws(spec: Spec) -> bool:
    """Azure's audit logs are pushed into an AWS control plane's log store."""
    return (spec.audit is not None and spec.audit.land_in == "control_plane" and spec.control_plane == "aws"
            and spec.clouds.aws is not None and spec.clouds.azure is not None)


def categories(stack: Stack) -> list[str]:
    """The audit categories the stack's resources write to its workspace (empty: nothing to ship)."""
    return sorted({c for m in stack.modules for c in EXPORTED.get(m.module, ())})


def land(stacks: list[Stack], spec: Spec, namer: Namer) -> list[Stack]:
    """`stacks` with the Azure home stack's audit rows landing in the AWS home account's trail bucket through the
    receiver, when the spec asks; else unchanged."""
    aws = next((s for s in stacks if s.cloud == "aws"), None)
    azure = next((s for s in stacks if s.cloud == "azure"), None)
    if (not lands_azure_in_aws(spec) or aws is None or azure is None or "audit_receiver" not in aws.calls_by_label
            or not categories(azure)):
        return stacks
    cats, path = categories(azure), ("audit", "land_in")
    tenant = azure.provider_settings["tenant_id"]
    receiver = aws.calls_by_label["audit_receiver"].inputs["name"]
    workflow = namer.name(WORKFLOW_NAME, f"{spec.prefix}-audit-push", path)
    app = _fit(f"{spec.prefix}-audit-receiver", 120, f"audit-receiver-{spec.environment}")
    audience = f"api://{tenant}/{_fit(f'{spec.prefix}-audit-receiver', 100, f'audit-receiver-{spec.environment}')}"
    trail = aws.calls_by_label["audit_trail"]

    to_aws = Additions()
    principal = to_aws.var("audit_azure_principal_id", "string",
                           f"The {azure.name} stack's output `audit_push_principal_id` (the Logic App identity's "
                           "object id): the receiver admits that identity's tokens only; null until the azure stack "
                           "is applied, and every Azure token is refused until then.",
                           None, required=False, handover=(azure.name, "audit_push_principal_id"))
    to_aws.outputs.append(Output("audit_receiver_azure_endpoint", Expr("module.audit_receiver.push_azure_endpoint"),
                                 "Where Azure's audit rows are posted: the azure stack's audit_receiver_endpoint."))
    to_aws.landings.append(_landing(spec, azure, aws, receiver, workflow, app, audience, cats,
                                    trail.inputs["bucket_name"]))
    aws = replace(aws, landings=tuple(_shared_writer(landing, receiver) for landing in aws.landings))
    aws = to_aws.merge_into(aws)
    writers = {**trail.inputs.get("landing_writers", {}), PREFIX: Expr("module.audit_receiver.writer_role_arn")}
    aws = _with_inputs(aws, "audit_trail", {"landing_writers": writers})
    aws = _with_inputs(aws, "audit_receiver", {"azure": {"tenant_id": tenant, "audience": audience,
                                                         "principal_id": principal}}, RECEIVER_RESOURCES)

    to_azure = Additions()
    endpoint = to_azure.var("audit_receiver_endpoint", "string",
                            f"The {aws.name} stack's output `audit_receiver_azure_endpoint`; null until that stack "
                            "is applied, and the workflow ships nothing until then.",
                            None, required=False, handover=(aws.name, "audit_receiver_azure_endpoint"))
    to_azure.modules.append(ModuleCall(
        label="audit_push", module="azure-audit-push",
        purpose="Azure's audit rows into the AWS control plane's log store: a Logic App whose managed identity reads "
                "this workspace and posts to the receiver with a token for a credential-free application's URI",
        inputs={"name": workflow, "resource_group_name": Expr("module.foundation.resource_group_name"),
                "location": azure.calls_by_label["foundation"].inputs["location"],
                "workspace_id": Expr("module.foundation.log_analytics_workspace_id"),
                "workspace_customer_id": Expr("module.foundation.log_analytics_customer_id"), "categories": cats,
                "interval_minutes": INTERVAL_MINUTES, "application_name": app, "identifier_uri": audience,
                "receiver_endpoint": endpoint, "tags": Expr("local.default_tags")},
        resources=PUSH_RESOURCES, spec_path=path))
    to_azure.outputs.append(Output("audit_push_principal_id", Expr("module.audit_push.principal_id"),
                                   "Object id of the audit Logic App's managed identity: the aws stack's "
                                   "audit_azure_principal_id."))
    to_azure.manual_steps.append(STEP.format(
        endpoint=step_text(spec, aws.name, "audit_receiver_azure_endpoint", azure.name, "audit_receiver_endpoint"),
        workflow=workflow, interval=INTERVAL_MINUTES, categories=", ".join(cats), aws=aws.name, audience=audience,
        app=app, bucket=trail.inputs["bucket_name"], stack=azure.name,
        principal=step_text(spec, azure.name, "audit_push_principal_id", aws.name, "audit_azure_principal_id")))
    azure = to_azure.merge_into(azure)
    if provider("azuread") not in azure.providers:  # the audience application
        azure = replace(azure, providers=azure.providers + (provider("azuread"),))
    return [aws if s.name == aws.name else azure if s.name == azure.name else s for s in stacks]


def _shared_writer(landing: Landing, receiver: str) -> Landing:
    """GCP's landing, saying that its writer role now also writes under azure/ (one role writes both streams)."""
    if landing.source_cloud != "gcp":
        return landing
    hops = tuple(hop.replace("s3:PutObject under gcp/ of", f"s3:PutObject under gcp/ and {PREFIX} of", 1)
                 if hop.startswith(f"role {receiver}-writer") else hop for hop in landing.identity)
    return replace(landing, identity=hops)


def _landing(spec: Spec, azure: Stack, aws: Stack, receiver: str, workflow: str, app: str, audience: str,
             cats: list[str], bucket: str) -> Landing:
    """The push as a use of the Logic App's identity: each hop states exactly what the two stacks grant."""
    tenant, region = azure.provider_settings["tenant_id"], aws.provider_settings["region"]
    return Landing(
        source=azure.name, source_cloud="azure", principal=f"managed identity of Logic App {workflow}",
        logs=f"Azure diagnostic logs ({', '.join(cats)}) of subscription {azure.account} (its Log Analytics workspace)",
        store=f"S3 bucket {bucket}, under {PREFIX}",
        identity=(f"system-assigned identity of Logic App {workflow}: Log Analytics Reader on the {azure.name} stack's "
                  "workspace only (token audience https://api.loganalytics.io)",
                  f"the same identity's Entra ID token for audience {audience} (application {app}: no password, "
                  f"certificate or federated credential), issuer https://sts.windows.net/{tenant}/",
                  f"HTTP API {receiver}: a JWT authorizer checks Entra ID's signature, that issuer and exactly that "
                  "audience on route POST /push-azure only",
                  f"function {receiver}-function admits tenant {tenant} and, once handed over ({azure.name} output "
                  f"audit_push_principal_id), that identity's object id as oid, nothing before; its role may put "
                  f"records into streams {receiver} and {receiver}-azure only",
                  f"role {receiver}-writer (Firehose): s3:PutObject under gcp/ and {PREFIX} of {bucket} and the trail "
                  f"key's GenerateDataKey through S3 only; the bucket denies every other principal's puts there"),
        network=("the Logic App calls api.loganalytics.io and the API's public execute-api endpoint over TLS from "
                 "Azure's Logic Apps outbound addresses; Firehose writes to S3 inside AWS; no private link carries it "
                 "(a Consumption Logic App runs outside the VNet)"),
        endpoints=(f"login.microsoftonline.com, api.loganalytics.io, <api id>.execute-api.{region}.amazonaws.com, "
                   f"firehose.{region}.amazonaws.com, s3.{region}.amazonaws.com"),
        step=STEP.split(":", 1)[0], prerequisites=(APP_PERMISSION.format(stack=azure.name),))
