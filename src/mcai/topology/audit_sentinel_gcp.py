"""GCP's audit logs landing in an Azure control plane, keyless: Microsoft Sentinel's GCP Pub/Sub Audit Logs connector
(a codeless connector) pulls a subscription of the GCP home project as a service account it impersonates through a
workload identity pool trusting Microsoft's tenant for Sentinel's app. The gcp stack builds the sink, topic, pull
subscription, pool, provider and account (module gcp-audit-logs); azurerm 5.x has no resource for codeless
connectors (and azapi is not among mcai's providers), so the azure stack gets the connector's request body as a
generated file and a numbered step that PUTs it. Values from Microsoft's "Ingest Google Cloud Platform log data into
Microsoft Sentinel" (commercial cloud)."""

from __future__ import annotations

import json
from dataclasses import replace

from mcai.spec.models import Spec
from mcai.topology.audit_receiver import LANDING_APIS, PUBSUB_NAME, _with_inputs
from mcai.topology.audit_sentinel import SENTINEL_ISSUER
from mcai.topology.gcp import GCP_SERVICE_ACCOUNT_ID, PROJECT
from mcai.topology.identity import GCP_WIF_ID
from mcai.topology.links_context import Additions
from mcai.topology.model import Landing, ModuleCall, Resource, Stack
from mcai.topology.names import Namer

# Microsoft's pages give the GCP provider's issuer without the trailing '/' and the Sentinel GCP app's audience.
GCP_ISSUER = SENTINEL_ISSUER.rstrip("/")
GCP_AUDIENCE = "api://2041288c-b303-4ca0-9076-9612db3beeb2"
PROVIDER_ID = "sentinel-identity-provider"
TABLE = "GCPAuditLogs"
CONNECTOR_FILE = "sentinel/gcp-audit-logs-connector.json"
API_VERSION = "2022-10-01-preview"  # the version the "Google Cloud Platform Audit Logs" solution's template uses
FEDERATION_APIS = ("iamcredentials.googleapis.com", "sts.googleapis.com")
RESOURCES = tuple(Resource(t, a) for t, a in (
    ("google_pubsub_topic", "sentinel[0]"), ("google_logging_project_sink", "sentinel[0]"),
    ("google_pubsub_topic_iam_member", "sentinel_sink_publishes[0]"), ("google_pubsub_subscription", "sentinel[0]"),
    ("google_iam_workload_identity_pool", "sentinel[0]"), ("google_iam_workload_identity_pool_provider", "sentinel[0]"),
    ("google_service_account", "sentinel[0]"),
    ("google_pubsub_subscription_iam_member", 'sentinel["roles/pubsub.subscriber"]'),
    ("google_pubsub_subscription_iam_member", 'sentinel["roles/pubsub.viewer"]'),
    ("google_service_account_iam_member", "sentinel_federation[0]")))
GCP_STEP = (
    "Audit landing (GCP -> Microsoft Sentinel): this stack creates log sink {sink} (the project's Admin Activity "
    "logs{data_access}) into topic {sink}, pull subscription {sink}, service account {email} (no key; it may only "
    "consume and read that subscription) and workload identity pool {pool} (the Azure tenant id without dashes, as "
    "Sentinel's connector looks it up) with provider {provider}, which admits tokens of Microsoft's tenant "
    "({issuer}) for Sentinel's app ({audience}) only. Unpulled entries wait seven days.")
AZURE_STEP = (
    "Audit landing (GCP -> Microsoft Sentinel in the {azure} stack): after applying this stack (Sentinel is on "
    "workspace {workspace} since the {azure} stack's apply), install the \"Google Cloud Platform Audit Logs\" "
    "solution from Content hub on that workspace, "
    "then create the connector from the generated request body (azurerm has no resource for this codeless "
    "connector): `az rest --method put --url 'https://management.azure.com/subscriptions/{subscription}/"
    "resourceGroups/{group}/providers/Microsoft.OperationalInsights/workspaces/{workspace}/providers/"
    "Microsoft.SecurityInsights/dataConnectors/{connector}?api-version={version}' --body @{file}` from the {azure} "
    "directory (or enter the same values on the connector's page). Entries then arrive in table {table}; until "
    "then nothing pulls the subscription.")


def lands_gcp_in_azure(spec: Spec) -> bool:
    """GCP's audit logs are pulled into an Azure control plane's workspace by Microsoft Sentinel."""
    return (spec.audit is not None and spec.audit.land_in == "control_plane" and spec.control_plane == "azure"
            and spec.clouds.gcp is not None and spec.clouds.azure is not None)


def land(stacks: list[Stack], spec: Spec, namer: Namer) -> list[Stack]:
    """`stacks` with the GCP home project's audit logs pulled by the azure home stack's Sentinel, when asked."""
    gcp = next((s for s in stacks if s.cloud == "gcp"), None)
    azure = next((s for s in stacks if s.cloud == "azure"), None)
    if not lands_gcp_in_azure(spec) or gcp is None or azure is None:
        return stacks
    declared, tenant = spec.clouds.gcp, spec.clouds.azure
    assert declared is not None and tenant is not None
    path = ("audit", "land_in")
    sink = namer.name(PUBSUB_NAME, f"{spec.prefix}-audit-to-sentinel", path)
    account = f"{spec.prefix}-sentinel-pull"
    account = namer.name(GCP_SERVICE_ACCOUNT_ID, account if len(account) <= 30 else f"sentinel-pull-{spec.environment}",
                         path)
    pool = namer.name(GCP_WIF_ID, tenant.tenant_id.replace("-", "").lower(), path)
    provider = namer.name(GCP_WIF_ID, PROVIDER_ID, path)
    email = f"{account}@{declared.project_id}.iam.gserviceaccount.com"
    logs = gcp.calls_by_label.get("audit_logs")
    services = list(logs.inputs["services"]) if logs else []
    to_gcp = Additions()
    if logs is None:  # no audited service: the Admin Activity logs alone are pulled
        to_gcp.modules.append(ModuleCall(
            label="audit_logs", module="gcp-audit-logs",
            purpose="The project's Admin Activity audit logs pulled by the Azure control plane's Microsoft Sentinel "
                    "(no Data Access logs: the workloads call no audited Google API)",
            inputs={"project_id": PROJECT, "services": []}, resources=(), spec_path=path))
    to_gcp.manual_steps.append(GCP_STEP.format(
        sink=sink, email=email, pool=pool, provider=provider, issuer=GCP_ISSUER, audience=GCP_AUDIENCE,
        data_access=f" and the Data Access logs of {', '.join(services)}" if services else ""))
    gcp = to_gcp.merge_into(gcp)
    landing = {"name": sink, "service_account_id": account, "pool_id": pool, "provider_id": provider,
               "issuer": GCP_ISSUER, "audience": GCP_AUDIENCE}
    gcp = _with_inputs(gcp, "audit_logs", {"sentinel_landing": landing}, RESOURCES)
    gcp = replace(gcp, google_apis=tuple(sorted(set(gcp.google_apis) | set(LANDING_APIS) | set(FEDERATION_APIS))))
    azure, step = _azure_side(azure, spec, gcp.name, sink, email, pool, provider)
    gcp = replace(gcp, manual_steps=gcp.manual_steps + (step,))  # after this stack's own landing step
    return [azure if s.name == azure.name else gcp if s.name == gcp.name else s for s in stacks]


def _azure_side(azure: Stack, spec: Spec, gcp: str, sink: str, email: str, pool: str,
                provider: str) -> tuple[Stack, str]:
    """The azure stack with Sentinel on its workspace, the connector's request body and the landing as a use; and
    the numbered step (the gcp stack's, as it follows that stack's apply) that creates the connector."""
    declared, tenant = spec.clouds.gcp, spec.clouds.azure
    assert declared is not None and tenant is not None
    foundation = azure.calls_by_label["foundation"]
    if "sentinel" not in foundation.inputs:  # no AWS landing put Sentinel on the workspace yet
        azure = _with_inputs(azure, "foundation", {"sentinel": {"aws_s3": {}}},
                             (Resource("azurerm_sentinel_log_analytics_workspace_onboarding", "this[0]"),))
    workspace = foundation.inputs["log_analytics"]["name"]
    body = {"kind": "GCP", "properties": {
        "connectorDefinitionName": "GCPAuditLogsDefinition", "dataType": TABLE,
        "dcrConfig": {"streamName": "SENTINEL_GCP_AUDIT_LOGS"},
        "auth": {"serviceAccountEmail": email, "projectNumber": declared.project_number,
                 "workloadIdentityProviderId": provider},
        "request": {"projectId": declared.project_id, "subscriptionNames": [sink]}}}
    add = Additions()
    step = (AZURE_STEP.format(
        azure=azure.name, gcp=gcp, workspace=workspace, subscription=tenant.subscription_id,
        group=foundation.inputs["resource_group_name"], connector=f"gcp-audit-{declared.project_id}",
        version=API_VERSION, file=CONNECTOR_FILE, table=TABLE))
    add.landings.append(Landing(
        source=gcp, source_cloud="gcp", principal="Microsoft Sentinel's GCP Pub/Sub Audit Logs connector",
        logs=f"Cloud Audit Logs of project {declared.project_id} (Admin Activity, and Data Access where turned on)",
        store=f"Log Analytics workspace {workspace} (Microsoft Sentinel), table {TABLE}",
        identity=(f"Microsoft Sentinel's app: Microsoft's tenant signs its token (issuer {GCP_ISSUER}, audience "
                  f"{GCP_AUDIENCE}); no key exists",
                  f"STS token exchange through workload identity pool {pool} (Microsoft's connector derives it from "
                  f"this Azure tenant's id) and provider {provider}, which admits that issuer and audience only",
                  f"impersonation of service account {email}: roles/iam.workloadIdentityUser for the pool's "
                  "principals only",
                  f"roles/pubsub.subscriber and roles/pubsub.viewer on subscription {sink} only (log sink {sink}'s "
                  f"writer identity may only publish to topic {sink})"),
        network=("Sentinel's connector calls Google's public STS, IAM credentials and Pub/Sub endpoints over TLS from "
                 "Microsoft's network; no private link carries it (the connector runs in Microsoft's service)"),
        endpoints="sts.googleapis.com, iamcredentials.googleapis.com, pubsub.googleapis.com",
        step=AZURE_STEP.split(":", 1)[0].format(azure=azure.name),
        prerequisites=("the Google Cloud Platform Audit Logs solution from Microsoft Sentinel's Content hub on the "
                       "workspace", f"Google APIs enabled by the {gcp} stack: "
                       f"{', '.join(sorted(LANDING_APIS + FEDERATION_APIS))}")))
    azure = add.merge_into(azure)
    files = tuple(sorted(azure.files + ((CONNECTOR_FILE, json.dumps(body, indent=2) + "\n"),)))
    return replace(azure, files=files), step

