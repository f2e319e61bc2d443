mock_provider "azurerm" {}

variables {
  name                = "supportprodhelpdocs"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"
  private_endpoint = {
    subnet_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/private-endpoints"
    private_dns_zone_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net"
  }
}

# plan only: the account refuses destroy (prevent_destroy), so an applied run could not be cleaned up
run "private_entra_only_soft_deleting_account" {
  command = plan

  assert {
    condition     = !azurerm_storage_account.this.shared_access_key_enabled && !azurerm_storage_account.this.local_user_enabled && azurerm_storage_account.this.default_to_oauth_authentication
    error_message = "Entra ID only: no shared keys (no SAS, no connection strings), no local users."
  }

  assert {
    condition     = !azurerm_storage_account.this.public_network_access_enabled && azurerm_storage_account.this.network_rules[0].default_action == "Deny"
    error_message = "No public network access: the account is reached through its private endpoint only."
  }

  assert {
    condition     = !azurerm_storage_account.this.blob_properties[0].versioning_enabled && azurerm_storage_account.this.blob_properties[0].delete_retention_policy[0].days == 14 && azurerm_storage_account.this.blob_properties[0].container_delete_retention_policy[0].days == 14
    error_message = "Blob and container soft delete on, versioning off (the indexer's native soft-delete detection refuses versioned accounts)."
  }

  assert {
    condition     = one(azurerm_private_endpoint.blob.private_service_connection[0].subresource_names) == "blob"
    error_message = "The private endpoint targets the blob sub-resource."
  }
}

run "rejects_an_invalid_account_name" {
  command = plan

  variables {
    name = "Support-Docs"
  }

  expect_failures = [var.name]
}
