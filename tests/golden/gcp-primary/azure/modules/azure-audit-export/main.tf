# Azure's side of landing its diagnostic logs in a GCP control plane's log store, keylessly. The resources' diagnostic
# settings also write the exported categories to this storage account; Azure Monitor puts each category in a
# container of its own (insights-logs-<category>), which this module creates so every grant names it. Google's
# Storage Transfer Service reads them as an Entra ID application: the app's one federated credential trusts
# https://accounts.google.com for the project's transfer service agent only (its subject id), and its service
# principal holds "Storage Blob Data Reader" on those containers, nothing else. Shared keys are off, so no SAS token
# or connection string can exist; the application has no password and no certificate.

locals {
  containers = { for c in var.categories : c => "insights-logs-${lower(c)}" }
}

resource "azurerm_storage_account" "this" {
  #checkov:skip=CKV2_AZURE_1:Microsoft-managed keys plus infrastructure encryption; a customer-managed key needs a Key Vault key mcai does not manage
  #checkov:skip=CKV_AZURE_33:No queues are used in this account
  #checkov:skip=CKV2_AZURE_41:No SAS can be issued: shared keys are off
  #checkov:skip=CKV_AZURE_59:Storage Transfer Service reads from Google's network (no private path reaches it); every request needs an Entra ID token, and allowed_ip_ranges closes the firewall to Google's published ranges
  #checkov:skip=CKV_AZURE_35:Open by default for the same reason; allowed_ip_ranges switches the default action to Deny
  #checkov:skip=CKV2_AZURE_33:No private endpoint: the one reader, Storage Transfer Service, runs outside every VNet
  name                              = var.name
  resource_group_name               = var.resource_group_name
  location                          = var.location
  account_kind                      = "StorageV2"
  account_tier                      = "Standard"
  account_replication_type          = "GRS"
  min_tls_version                   = "TLS1_2"
  https_traffic_only_enabled        = true
  shared_access_key_enabled         = false
  default_to_oauth_authentication   = true
  allow_nested_items_to_be_public   = false
  cross_tenant_replication_enabled  = false
  infrastructure_encryption_enabled = true
  local_user_enabled                = false
  sftp_enabled                      = false
  public_network_access_enabled     = true
  tags                              = var.tags

  # Diagnostic settings write as a trusted Microsoft service, so the bypass stays with a closed firewall.
  network_rules {
    default_action = length(var.allowed_ip_ranges) == 0 ? "Allow" : "Deny"
    bypass         = ["AzureServices"]
    ip_rules       = var.allowed_ip_ranges
  }

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = var.soft_delete_days
    }

    container_delete_retention_policy {
      days = var.soft_delete_days
    }
  }

  # Audit records cannot be recreated by Terraform.
  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_storage_container" "logs" {
  #checkov:skip=CKV2_AZURE_21:Blob reads come from the transfer app only, and every read is an Entra ID call in the sign-in logs
  for_each = local.containers

  name                  = each.value
  storage_account_id    = azurerm_storage_account.this.id
  container_access_type = "private"

  # Deleting a container deletes its log files (soft delete keeps them only soft_delete_days): a category no longer
  # exported must not take its history with it.
  lifecycle {
    prevent_destroy = true
  }
}

# Log files expire with the estate's audit retention; a deleted or overwritten file stays 30 days as a version.
resource "azurerm_storage_management_policy" "this" {
  storage_account_id = azurerm_storage_account.this.id

  rule {
    name    = "expire-logs"
    enabled = true

    filters {
      blob_types = ["appendBlob", "blockBlob"]
    }

    actions {
      base_blob {
        delete_after_days_since_modification_greater_than = var.retention_days
      }
    }
  }

  rule {
    name    = "expire-old-versions"
    enabled = true

    filters {
      blob_types = ["blockBlob"]
    }

    actions {
      version {
        delete_after_days_since_creation = 30
      }
    }
  }
}

# Single-tenant and credential-free: the only way in is the federated credential below.
resource "azuread_application" "transfer" {
  display_name     = var.application_name
  sign_in_audience = "AzureADMyOrg"
  notes            = "Storage Transfer Service of a GCP project reads the audit log containers of ${var.name} (managed by mcai)."
}

resource "azuread_service_principal" "transfer" {
  client_id = azuread_application.transfer.client_id
}

# Null until the gcp stack hands over its transfer agent's subject id: no trust exists before then.
resource "azuread_application_federated_identity_credential" "google_transfer" {
  #checkov:skip=CKV_AZURE_249:Not a GitHub Actions trust: the issuer is accounts.google.com and the subject one Google service agent's numeric id
  count = var.transfer_subject_id == null ? 0 : 1

  application_id = azuread_application.transfer.id
  display_name   = "google-storage-transfer"
  description    = "The Storage Transfer Service agent of one GCP project (subject id), signed by Google."
  issuer         = "https://accounts.google.com"
  subject        = var.transfer_subject_id
  audiences      = ["api://AzureADTokenExchange"]
}

resource "azurerm_role_assignment" "reader" {
  for_each = azurerm_storage_container.logs

  scope                = each.value.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azuread_service_principal.transfer.object_id
  principal_type       = "ServicePrincipal"
  description          = "Storage Transfer Service reads ${each.value.name} of ${var.name} only (managed by mcai)"
}
