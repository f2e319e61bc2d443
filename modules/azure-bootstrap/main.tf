# The control plane's bootstrap on Azure: the storage account that holds every stack's Terraform state (Entra ID
# auth only: shared keys and local users off, TLS 1.2, infrastructure encryption, blob versioning and soft delete
# for blobs and containers; the azurerm backend locks with a blob lease) and one user-assigned managed identity per
# CI pipeline, trusted through a federated credential for exactly one token subject (one repository and one branch
# or environment; audience api://AzureADTokenExchange): no client secret or certificate exists anywhere. Every
# identity gets Storage Blob Data Contributor on the state container only (a plan takes the lease, which is a
# write); its rights in the subscription are the roles it is given, nothing else.

locals {
  audience = "api://AzureADTokenExchange"
  roles = merge([for key, ci in var.ci_identities : {
    for role in ci.roles : "${key} ${role}" => { identity = key, role = role }
  }]...)
}

resource "azurerm_resource_group" "state" {
  name     = var.resource_group_name
  location = var.location
  tags     = var.tags
}

resource "azurerm_storage_account" "state" {
  #checkov:skip=CKV_AZURE_59:CI runners outside Azure reach the state over the public endpoint; every request needs an Entra ID token (shared keys are off)
  #checkov:skip=CKV_AZURE_35:Default network action stays Allow for the same reason; access is by Entra ID role on the container only
  #checkov:skip=CKV2_AZURE_33:A private endpoint would cut off hosted CI runners; see CKV_AZURE_59
  #checkov:skip=CKV2_AZURE_1:Microsoft-managed keys plus infrastructure encryption; a customer-managed key needs a Key Vault the spec does not declare
  #checkov:skip=CKV_AZURE_33:No queues are used in this account
  #checkov:skip=CKV2_AZURE_41:No SAS can be issued: shared keys are off
  name                              = var.storage_account_name
  resource_group_name               = azurerm_resource_group.state.name
  location                          = azurerm_resource_group.state.location
  account_kind                      = "StorageV2"
  account_tier                      = "Standard"
  account_replication_type          = "GZRS"
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

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = var.soft_delete_days
    }

    container_delete_retention_policy {
      days = var.soft_delete_days
    }
  }

  # Every stack's state: losing it orphans every resource of the estate.
  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_storage_container" "state" {
  #checkov:skip=CKV2_AZURE_21:Blob read logging needs a diagnostic setting into a Log Analytics workspace the spec does not declare; the state is versioned and soft-deleted
  name                  = "tfstate"
  storage_account_id    = azurerm_storage_account.state.id
  container_access_type = "private"
}

resource "azurerm_user_assigned_identity" "ci" {
  for_each = var.ci_identities

  name                = each.value.name
  resource_group_name = azurerm_resource_group.state.name
  location            = azurerm_resource_group.state.location
  tags                = var.tags
}

resource "azurerm_federated_identity_credential" "ci" {
  for_each = var.ci_identities

  name                      = each.key
  user_assigned_identity_id = azurerm_user_assigned_identity.ci[each.key].id
  issuer                    = each.value.issuer
  subject                   = each.value.subject
  audience                  = [local.audience]
}

resource "azurerm_role_assignment" "state" {
  for_each = var.ci_identities

  scope                = azurerm_storage_container.state.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.ci[each.key].principal_id
  principal_type       = "ServicePrincipal"
  description          = "CI ${each.key} (${each.value.access}): Terraform state and its lease (managed by mcai)"
}

resource "azurerm_role_assignment" "ci" {
  for_each = local.roles

  scope                = "/subscriptions/${var.subscription_id}"
  role_definition_name = each.value.role
  principal_id         = azurerm_user_assigned_identity.ci[each.value.identity].principal_id
  principal_type       = "ServicePrincipal"
  description          = "CI ${each.value.identity}: ${each.value.role} (managed by mcai)"
}
