"""Azure's diagnostic logs land in a GCP control plane's log store, keylessly (issue 18, item 3): the Azure OpenAI
account's diagnostic setting also writes its Audit and RequestResponse logs to a keyless storage account; Storage
Transfer Service reads exactly those containers as an Entra ID application whose one federated credential trusts the
project's transfer agent only; each side's missing value is a hand-over, never a guess."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from mcai import findings
from mcai.paths.model import LANDING
from mcai.pipeline import derive_all, generate
from mcai.topology.model import PROTECTED

GCP_PRIMARY = REPO / "examples" / "gcp-primary.yaml"


@pytest.fixture(scope="module")
def generated():  # type: ignore[no-untyped-def]
    return generate(GCP_PRIMARY)


def test_the_export_and_the_copy_name_the_same_containers(generated) -> None:  # type: ignore[no-untyped-def]
    vspec, topology, _ = generated
    azure, gcp = topology.stack("azure"), topology.stack("gcp")
    export, openai = topology.call("azure", "audit_export"), topology.call("azure", "openai")
    landing = topology.call("gcp", "audit_landing")
    assert export is not None and openai is not None and landing is not None
    assert openai.inputs["diagnostics"]["audit_export"]["categories"] == ["Audit", "RequestResponse"]
    assert openai.inputs["diagnostics"]["audit_export"]["storage_account_id"].text == \
        "module.audit_export.storage_account_id"
    assert export.inputs["categories"] == ["Audit", "RequestResponse"]
    assert export.inputs["retention_days"] == vspec.spec.audit.retention_days
    source = landing.inputs["azure_logs"]["azure"]
    assert source["storage_account"] == export.inputs["name"]
    assert source["containers"] == ["insights-logs-audit", "insights-logs-requestresponse"]
    assert source["tenant_id"] == vspec.spec.clouds.azure.tenant_id
    # each side's missing value is handed over from the other stack's output, null until then
    assert source["client_id"].text == "var.audit_azure_client_id"
    handed = {v.name: v for v in gcp.variables}["audit_azure_client_id"]
    assert handed.handover == ("azure", "audit_export_client_id") and not handed.required
    assert "audit_export_client_id" in {o.name for o in azure.outputs}
    subject = {v.name: v for v in azure.variables}["audit_transfer_subject_id"]
    assert subject.handover == ("gcp", "audit_transfer_subject_id") and subject.default is None
    assert export.inputs["transfer_subject_id"].text == "var.audit_transfer_subject_id"
    # the Entra ID application needs azuread; the keyless account needs Entra ID for the storage data plane
    assert [p.name for p in azure.providers] == ["azurerm", "azuread"]
    assert "Microsoft.Storage" in azure.provider_settings["resource_providers"]
    assert azure.provider_settings["storage_use_azuread"] is True
    assert ("azure", "module.audit_export.azurerm_storage_account.this") in topology.protected
    assert ("azure-audit-export", "azurerm_storage_account") in PROTECTED
    step = next(s for s in gcp.manual_steps if s.startswith("Audit landing (Azure -> GCP log store)"))
    assert "audit_transfer_subject_id" in step and "audit_export_client_id" in step and "Application Developer" in step


def test_nothing_rendered_holds_a_key_or_a_sas(generated) -> None:  # type: ignore[no-untyped-def]
    _, _, tree = generated
    gcp, azure = tree["gcp/main.tf"].decode(), tree["azure/main.tf"].decode()
    module = tree["gcp/modules/gcp-audit-landing/main.tf"].decode()
    export = tree["azure/modules/azure-audit-export/main.tf"].decode()
    assert "client_id       = var.audit_azure_client_id" in gcp
    assert "federated_identity_config {" in module
    for text in (gcp, azure, module, export):
        assert "sas_token" not in text and "azure_credentials {" not in text and "credentials_secret =" not in text
    assert "shared_access_key_enabled         = false" in export
    assert 'issuer         = "https://accounts.google.com"' in export and "subject        = var.transfer_subject_id" in export
    assert 'audiences      = ["api://AzureADTokenExchange"]' in export
    assert "azuread_application_password" not in export and "password {" not in export
    # the reader role is granted per exported container, never on the account
    assert "scope                = each.value.id" in export and "for_each = azurerm_storage_container.logs" in export
    assert 'provider "azuread"' in tree["azure/providers.tf"].decode()


def test_azure_is_landed_not_reported(generated) -> None:  # type: ignore[no-untyped-def]
    vspec, topology, _ = generated
    messages = [f.message for f in findings.run(vspec, topology) if f.id == "audit-not-landed"]
    assert messages == []


def test_the_azure_copy_is_a_use_of_the_transfer_agent() -> None:
    _, topology, paths = derive_all(GCP_PRIMARY)
    path = next(p for p in paths if p.use.kind == LANDING and p.use.target_cloud == "azure")
    export = topology.call("azure", "audit_export")
    assert export is not None
    agent, exchange, read, write = path.identity
    assert "storage-transfer-service.iam.gserviceaccount.com" in agent and "api://AzureADTokenExchange" in agent
    assert export.inputs["application_name"] in exchange and "subject = that agent's subject id only" in exchange
    assert read == (f"Storage Blob Data Reader on containers insights-logs-audit, insights-logs-requestresponse of "
                    f"storage account {export.inputs['name']} only (shared keys off: no SAS token can exist)")
    assert "roles/storage.legacyBucketWriter" in write
    assert path.network.kind == "public" and f"{export.inputs['name']}.blob.core.windows.net" in path.network.dns_name
    assert "Audit landing (Azure -> GCP log store)" in path.works_after
    assert any("app registrations" in q for q in path.prerequisites)


def test_each_cloud_keeps_its_logs_without_an_export(tmp_path: Path) -> None:
    spec = tmp_path / "gcp-primary.yaml"
    spec.write_text(GCP_PRIMARY.read_text().replace("land_in: control_plane", "land_in: each_cloud"))
    _, topology, tree = generate(spec)
    azure = topology.stack("azure")
    assert topology.call("azure", "audit_export") is None and topology.call("gcp", "audit_landing") is None
    assert "audit_export" not in topology.call("azure", "openai").inputs["diagnostics"]
    assert [p.name for p in azure.providers] == ["azurerm"] and 'provider "azuread"' not in tree["azure/providers.tf"].decode()


def test_a_search_service_exports_its_operation_logs_too(tmp_path: Path) -> None:
    """azure-primary's stores with a GCP control plane: the search service's diagnostic setting exports OperationLogs
    beside the account's categories, and the copy reads each container the export creates and grants."""
    text = (REPO / "examples" / "azure-primary.yaml").read_text().replace("control_plane: azure", "control_plane: gcp")
    spec = tmp_path / "azure-primary.yaml"
    spec.write_text(text[:text.index("\nbootstrap:")] + "\n")  # its CI roles are Azure roles
    _, topology, _ = derive_all(spec)
    search = next(m for m in topology.stack("azure").modules if m.module == "azure-ai-search")
    export, landing = topology.call("azure", "audit_export"), topology.call("gcp", "audit_landing")
    assert export is not None and landing is not None
    assert search.inputs["diagnostics"]["audit_export"]["categories"] == ["OperationLogs"]
    assert any(r.address == "audit_export[0]" for r in search.resources)
    assert export.inputs["categories"] == ["Audit", "OperationLogs", "RequestResponse"]
    assert landing.inputs["azure_logs"]["azure"]["containers"] == [
        "insights-logs-audit", "insights-logs-operationlogs", "insights-logs-requestresponse"]
    granted = {r.address for r in export.resources if r.type == "azurerm_role_assignment"}
    assert granted == {f'reader["{c}"]' for c in export.inputs["categories"]}
