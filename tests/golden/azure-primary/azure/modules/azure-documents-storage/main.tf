# Documents a retrieval store embeds, kept next to it in Azure: one blob container in a storage account that only
# Microsoft Entra ID opens (shared keys, SAS and local users off: no connection string with a secret exists), with
# public network access off, a private endpoint for blob in the VNet, TLS 1.2, infrastructure encryption and soft
# delete for blobs and containers. Versioning stays off: the search indexer's deletion detection (native blob soft
# delete) is not supported on a versioned account, and without it deleted documents stay retrievable. Nobody is
# granted here: the search module grants its own identity "Storage Blob Data Reader" on the
# container only.

resource "azurerm_storage_account" "this" {
  #checkov:skip=CKV2_AZURE_1:Microsoft-managed keys plus infrastructure encryption; a customer-managed key needs a Key Vault key mcai does not manage
  #checkov:skip=CKV_AZURE_33:No queues are used in this account
  #checkov:skip=CKV2_AZURE_41:No SAS can be issued: shared keys are off
  #checkov:skip=CKV_AZURE_36:No trusted-service bypass: the one reader (the search indexer) comes through its shared private link; a bypass would admit other services' instances
  #checkov:skip=CKV_AZURE_206:Zone-redundant (ZRS) in the region; geo-replication is the owner's choice for a re-uploadable corpus
  name                              = var.name
  resource_group_name               = var.resource_group_name
  location                          = var.location
  account_kind                      = "StorageV2"
  account_tier                      = "Standard"
  account_replication_type          = "ZRS"
  min_tls_version                   = "TLS1_2"
  https_traffic_only_enabled        = true
  shared_access_key_enabled         = false
  default_to_oauth_authentication   = true
  allow_nested_items_to_be_public   = false
  cross_tenant_replication_enabled  = false
  infrastructure_encryption_enabled = true
  local_user_enabled                = false
  sftp_enabled                      = false
  public_network_access_enabled     = false
  tags                              = var.tags

  network_rules {
    default_action = "Deny"
    bypass         = ["None"]
  }

  blob_properties {
    # Off on purpose (see above): soft delete keeps deleted and overwritten blobs recoverable for soft_delete_days.
    versioning_enabled = false

    delete_retention_policy {
      days = var.soft_delete_days
    }

    container_delete_retention_policy {
      days = var.soft_delete_days
    }
  }

  # The corpus: losing the account loses every document and version in it.
  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_storage_container" "documents" {
  #checkov:skip=CKV2_AZURE_21:Blob read logging needs a diagnostic setting on the blob service; reads come from the search indexer's identity only
  name                  = var.container_name
  storage_account_id    = azurerm_storage_account.this.id
  container_access_type = "private"
}

resource "azurerm_private_endpoint" "blob" {
  name                          = "pe-${var.name}-blob"
  resource_group_name           = var.resource_group_name
  location                      = var.location
  subnet_id                     = var.private_endpoint.subnet_id
  custom_network_interface_name = "nic-pe-${var.name}-blob"
  tags                          = var.tags

  private_service_connection {
    name                           = "${var.name}-blob"
    private_connection_resource_id = azurerm_storage_account.this.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "privatelink"
    private_dns_zone_ids = [var.private_endpoint.private_dns_zone_id]
  }
}
