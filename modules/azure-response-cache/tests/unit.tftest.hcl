mock_provider "azurerm" {}

variables {
  name                = "estate-prod-cache"
  resource_group_name = "rg-estate-prod"
  location            = "eastus2"
  private_endpoint = {
    subnet_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe"
    private_dns_zone_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net"
  }
  users = { router = "33333333-3333-3333-3333-333333333333" }
}

run "entra_id_only_private_tls" {
  command = plan

  assert {
    condition     = azurerm_managed_redis.this.default_database[0].access_keys_authentication_enabled == false
    error_message = "Access keys must be off: Entra ID is the only way in."
  }

  assert {
    condition     = azurerm_managed_redis.this.public_network_access == "Disabled"
    error_message = "The cache is reached only through its private endpoint."
  }

  assert {
    condition     = azurerm_managed_redis.this.default_database[0].client_protocol == "Encrypted"
    error_message = "Clients must use TLS."
  }

  assert {
    condition     = one(azurerm_private_endpoint.this.private_service_connection[0].subresource_names) == "redisEnterprise"
    error_message = "Azure Managed Redis private endpoints use the redisEnterprise group."
  }

  assert {
    condition     = azurerm_managed_redis_access_policy_assignment.this["router"].object_id == "33333333-3333-3333-3333-333333333333"
    error_message = "Each caller's principal gets its own access policy assignment."
  }
}

run "refuses_an_unknown_sku" {
  command = plan

  variables {
    sku_name = "Premium_P1"
  }

  expect_failures = [var.sku_name]
}

run "refuses_double_hyphens" {
  command = plan

  variables {
    name = "estate--cache"
  }

  expect_failures = [var.name]
}
