mock_provider "azurerm" {
  mock_resource "azurerm_storage_container" {
    defaults = {
      id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stsupportprodaudit/blobServices/default/containers/insights-logs-audit"
    }
  }
}

mock_provider "azuread" {}

variables {
  name                = "stsupportprodaudit"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"
  categories          = ["Audit", "RequestResponse"]
  application_name    = "support-assistant-prod-audit-transfer"
  transfer_subject_id = "104158963345632159874"
}

# plan only: the account refuses destroy (prevent_destroy), so an applied run could not be cleaned up
run "keyless_reader_of_the_log_containers_only" {
  command = plan

  assert {
    condition     = !azurerm_storage_account.this.shared_access_key_enabled && !azurerm_storage_account.this.local_user_enabled && !azurerm_storage_account.this.allow_nested_items_to_be_public && azurerm_storage_account.this.min_tls_version == "TLS1_2"
    error_message = "Entra ID only (no shared keys, so no SAS), no anonymous access, TLS 1.2."
  }

  assert {
    condition     = azurerm_storage_account.this.blob_properties[0].versioning_enabled && azurerm_storage_account.this.blob_properties[0].delete_retention_policy[0].days == 30
    error_message = "Versioning and soft delete keep overwritten or deleted log files."
  }

  assert {
    condition     = azurerm_storage_management_policy.this.rule[0].actions[0].base_blob[0].delete_after_days_since_modification_greater_than == 365
    error_message = "Log files expire after the audit retention."
  }

  assert {
    condition     = toset([for c in azurerm_storage_container.logs : c.name]) == toset(["insights-logs-audit", "insights-logs-requestresponse"])
    error_message = "One container per exported category, named as Azure Monitor writes it."
  }

  assert {
    condition     = alltrue([for r in azurerm_role_assignment.reader : r.role_definition_name == "Storage Blob Data Reader"]) && length(azurerm_role_assignment.reader) == 2
    error_message = "The app reads each log container, and holds nothing else."
  }

  assert {
    condition     = one(azuread_application_federated_identity_credential.google_transfer).issuer == "https://accounts.google.com" && one(azuread_application_federated_identity_credential.google_transfer).subject == "104158963345632159874" && join(",", one(azuread_application_federated_identity_credential.google_transfer).audiences) == "api://AzureADTokenExchange"
    error_message = "The credential trusts Google's issuer for the one transfer agent's subject only."
  }

  assert {
    condition     = azuread_application.transfer.sign_in_audience == "AzureADMyOrg"
    error_message = "A single-tenant application."
  }
}

run "no_trust_until_the_subject_is_handed_over" {
  command = plan

  variables {
    transfer_subject_id = null
  }

  assert {
    condition     = length(azuread_application_federated_identity_credential.google_transfer) == 0
    error_message = "No federated credential exists before the subject id is supplied."
  }
}

run "an_email_is_not_a_subject" {
  command = plan

  variables {
    transfer_subject_id = "project-123456789012@storage-transfer-service.iam.gserviceaccount.com"
  }

  expect_failures = [var.transfer_subject_id]
}
