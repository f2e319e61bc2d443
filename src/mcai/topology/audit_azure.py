"""Azure's diagnostic logs landing in a GCP control plane's log store (`audit.land_in: control_plane`), keylessly.

The Azure OpenAI account's and each search service's diagnostic setting also write their audit categories to a
storage account (module azure-audit-export; Azure Monitor puts each category in container insights-logs-<category>).
Storage Transfer Service in the gcp stack reads those containers as an Entra ID application whose one federated
credential trusts https://accounts.google.com for the project's transfer agent only (its subject id, handed over from
the gcp stack), with Storage Blob Data Reader on those containers only. Shared keys are off: no SAS token or
connection string can exist, and the application has no password or certificate."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from mcai.spec.models import Spec
from mcai.topology.handovers import step_text
from mcai.topology.links_context import Additions
from mcai.topology.model import Expr, Landing, ModuleCall, Output, Resource, Stack
from mcai.topology.names import Namer, NameRule

# The categories each module's diagnostic setting exports: its record of every call (who called which deployment or
# index, when, from where) and of its control-plane access. Metrics and traces stay in Log Analytics only.
EXPORTED = {"azure-openai": ("Audit", "RequestResponse"), "azure-ai-search": ("OperationLogs",)}
EXPORT_SETTING = Resource("azurerm_monitor_diagnostic_setting", "audit_export[0]")
STORAGE_ACCOUNT = NameRule("storage account name", 3, 24, r"[a-z0-9]+", "lowercase letters and digits")
ISSUER, AUDIENCE = "https://accounts.google.com", "api://AzureADTokenExchange"
APP_PERMISSION = ("the identity applying the {stack} stack may create Entra ID app registrations (directory role "
                  "Application Developer, or Microsoft Graph Application.ReadWrite.OwnedBy)")
LANDING_STEP = (
    "Audit landing (Azure -> GCP log store): after applying this stack, {subject}, then re-apply the {stack} stack: "
    "that creates the federated credential of Entra ID application {app}, trusting {issuer} for the project's Storage "
    "Transfer Service agent only (that subject id, audience {audience}); {app} has no password or certificate. Then "
    "{client}, and re-apply this stack: that creates the hourly transfer jobs reading {containers} of storage account "
    "{account} into azure/ of the log store. Until then Azure's logs wait in that account. Prerequisite: " + APP_PERMISSION
    + ".")


def exports(spec: Spec) -> bool:
    """Azure's diagnostic logs are copied into a GCP control plane's log store."""
    audit = spec.audit
    return (audit is not None and audit.land_in == "control_plane" and spec.control_plane == "gcp"
            and spec.clouds.azure is not None and spec.clouds.gcp is not None)


def diagnostics(spec: Spec, module: str) -> dict[str, Any]:
    """The `diagnostics` input of a module call: the stack's workspace, plus the export when Azure's logs land."""
    out: dict[str, Any] = {"log_analytics_workspace_id": Expr("module.foundation.log_analytics_workspace_id")}
    if exports(spec):
        out["audit_export"] = {"storage_account_id": Expr("module.audit_export.storage_account_id"),
                               "categories": list(EXPORTED[module])}
    return out


def export_setting(spec: Spec) -> tuple[Resource, ...]:
    return (EXPORT_SETTING,) if exports(spec) else ()


def categories(modules: Any) -> list[str]:
    """Every category the module calls export (empty: the stack exports nothing)."""
    return sorted({c for m in modules for c in (m.inputs.get("diagnostics") or {}).get("audit_export", {})
                   .get("categories", ())})


def container(category: str) -> str:
    return f"insights-logs-{category.lower()}"


def exporting(stacks: list[Stack], spec: Spec) -> list[Stack]:
    """The Azure stacks whose diagnostic logs land in the GCP control plane."""
    return [s for s in stacks if s.cloud == "azure" and categories(s.modules)] if exports(spec) else []


def additions(stacks: list[Stack], spec: Spec, namer: Namer, gcp_stack: str, landing: Additions,
              store: str) -> tuple[dict[str, Additions], dict[str, dict[str, Any]]]:
    """The export in every Azure stack whose resources export categories, and in the gcp stack (`landing`) each
    one's hand-over input, landing record and numbered step; with each stack's source for the landing module."""
    out: dict[str, Additions] = {}
    sources: dict[str, dict[str, Any]] = {}
    for stack in exporting(stacks, spec):
        add, cats = out.setdefault(stack.name, Additions()), categories(stack.modules)
        digest = hashlib.sha256(f"{stack.account}/{spec.prefix}/audit".encode()).hexdigest()[:6]
        account = namer.name(STORAGE_ACCOUNT, f"st{re.sub('[^a-z0-9]', '', spec.prefix)[:11]}audit{digest}",
                             ("audit", "land_in"))
        app = f"{spec.prefix}-audit-transfer" + ("" if stack.name == "azure" else f"-{stack.name}")
        subject = add.var("audit_transfer_subject_id", "string",
                          "The gcp stack's output `audit_transfer_subject_id` (the project's Storage Transfer Service "
                          "agent); null until the gcp stack is applied, and no federated credential until then.",
                          None, required=False, handover=(gcp_stack, "audit_transfer_subject_id"))
        add.modules.append(ModuleCall(
            label="audit_export", module="azure-audit-export",
            purpose="Audit export for the control plane: the diagnostic settings' audit categories in a keyless "
                    "storage account, read by an Entra ID application trusting the GCP project's transfer agent only",
            inputs={"name": account, "resource_group_name": Expr("module.foundation.resource_group_name"),
                    "location": stack.calls_by_label["foundation"].inputs["location"], "categories": cats,
                    "retention_days": spec.audit.retention_days if spec.audit else 365, "application_name": app,
                    "transfer_subject_id": subject, "tags": Expr("local.default_tags")},
            resources=(Resource("azurerm_storage_account", "this"), Resource("azurerm_storage_management_policy", "this"),
                       Resource("azuread_application", "transfer"), Resource("azuread_service_principal", "transfer"),
                       Resource("azuread_application_federated_identity_credential", "google_transfer[0]"))
            + tuple(Resource(t, f'{a}["{c}"]') for c in cats
                    for t, a in (("azurerm_storage_container", "logs"), ("azurerm_role_assignment", "reader"))),
            spec_path=("audit", "land_in")))
        add.outputs += [Output("audit_export_client_id", Expr("module.audit_export.client_id"),
                               "Client id of the Entra ID application the control plane's Storage Transfer Service "
                               "signs in as (the gcp stack's audit_azure_client_id); not a secret."),
                        Output("audit_export_storage_account", Expr("module.audit_export.storage_account_name"),
                               "Storage account holding the exported diagnostic logs, one insights-logs-<category> "
                               "container per category.")]
        variable = "audit_azure_client_id" if stack.name == "azure" else f"audit_{stack.name.replace('-', '_')}_client_id"
        client = landing.var(variable, "string",
                             f"The {stack.name} stack's output `audit_export_client_id` (the Entra ID application "
                             "Storage Transfer Service signs in as); null until supplied, and no Azure transfer job "
                             "until then.", None, required=False, handover=(stack.name, "audit_export_client_id"))
        tenant = stack.provider_settings["tenant_id"]
        sources[stack.name] = {"storage_account": account, "containers": [container(c) for c in cats],
                               "tenant_id": tenant, "client_id": client}
        landing.landings.append(_landing(spec, stack, account, app, cats, store))
        landing.manual_steps.append(LANDING_STEP.format(
            subject=step_text(spec, gcp_stack, "audit_transfer_subject_id", stack.name, "audit_transfer_subject_id"),
            client=step_text(spec, stack.name, "audit_export_client_id", gcp_stack, variable), stack=stack.name,
            app=app, issuer=ISSUER, audience=AUDIENCE, account=account,
            containers=", ".join(container(c) for c in cats)))
    return out, sources


def _landing(spec: Spec, stack: Stack, account: str, app: str, cats: list[str], store: str) -> Landing:
    gcp = spec.clouds.gcp
    assert gcp is not None
    agent = f"project-{gcp.project_number}@storage-transfer-service.iam.gserviceaccount.com"
    containers = ", ".join(container(c) for c in cats)
    return Landing(
        source=stack.name, source_cloud="azure", principal=f"Storage Transfer Service agent of project {gcp.project_id}",
        logs=f"Azure diagnostic logs ({', '.join(cats)}) of subscription {stack.account}",
        store=f"Cloud Storage bucket {store}, under azure/<container>/",
        identity=(f"Google-managed service agent {agent}: Google signs its ID token (issuer {ISSUER}, audience "
                  f"{AUDIENCE}); no key exists",
                  f"Entra ID token exchange (that token as client assertion) for application {app} in tenant "
                  f"{stack.provider_settings['tenant_id']}, whose one federated credential admits issuer {ISSUER}, "
                  f"subject = that agent's subject id only (gcp output audit_transfer_subject_id), audience "
                  f"{AUDIENCE}; the application has no password or certificate",
                  f"Storage Blob Data Reader on containers {containers} of storage account {account} only (shared "
                  "keys off: no SAS token can exist)",
                  f"roles/storage.legacyBucketWriter and roles/storage.objectViewer on bucket {store} only"),
        network=("Google's transfer workers call Entra ID's token endpoint and the account's public blob endpoint over "
                 "TLS 1.2 and write through Cloud Storage's API; no private link carries it (Storage Transfer runs in "
                 "Google's network, not the VPC); the account admits any network and only Entra ID tokens"),
        endpoints=f"login.microsoftonline.com, {account}.blob.core.windows.net, storage.googleapis.com",
        step=LANDING_STEP.split(":", 1)[0],
        prerequisites=("Google APIs enabled by the gcp stack: storage.googleapis.com, storagetransfer.googleapis.com",
                       APP_PERMISSION.format(stack=stack.name)))
