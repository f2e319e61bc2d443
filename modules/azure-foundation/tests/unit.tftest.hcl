mock_provider "azurerm" {}

variables {
  resource_group_name = "rg-estate-prod"
  location            = "eastus2"
  virtual_network = {
    name                    = "vnet-estate-prod"
    address_space           = ["10.20.0.0/16"]
    private_endpoint_subnet = "10.20.0.0/26"
  }
  private_dns_zones = ["privatelink.openai.azure.com", "privatelink.cognitiveservices.azure.com"]
  log_analytics     = { name = "log-estate-prod", retention_days = 30 }
  tags              = { owner = "platform" }
}

run "foundation" {
  command = plan

  assert {
    condition     = one(azurerm_subnet.private_endpoints.address_prefixes) == "10.20.0.0/26" && !azurerm_subnet.private_endpoints.default_outbound_access_enabled
    error_message = "The private-endpoint subnet takes the given range and has no default outbound access."
  }

  assert {
    condition     = length(azurerm_private_dns_zone_virtual_network_link.this) == 2 && !azurerm_private_dns_zone_virtual_network_link.this["privatelink.openai.azure.com"].registration_enabled
    error_message = "Every zone is linked to the VNet, without auto-registration."
  }

  assert {
    condition     = alltrue([for l in azurerm_private_dns_zone_virtual_network_link.this : l.resolution_policy == "NxDomainRedirect"])
    error_message = "Names a zone has no record for fall back to public resolution (other accounts stay reachable)."
  }

  assert {
    condition     = !azurerm_log_analytics_workspace.this.local_authentication_enabled && azurerm_log_analytics_workspace.this.retention_in_days == 30
    error_message = "The workspace accepts Entra ID only and keeps logs as long as asked."
  }

  assert {
    condition     = azurerm_resource_group.this.tags["owner"] == "platform"
    error_message = "Tags reach the resources."
  }
}

run "no_zones" {
  command = plan

  variables {
    private_dns_zones = []
  }

  assert {
    condition     = length(azurerm_private_dns_zone.this) == 0 && length(azurerm_private_dns_zone_virtual_network_link.this) == 0
    error_message = "No zones, no links."
  }
}

run "bad_zone_is_rejected" {
  command = plan

  variables {
    private_dns_zones = ["openai.azure.com"]
  }

  expect_failures = [var.private_dns_zones]
}

run "short_retention_is_rejected" {
  command = plan

  variables {
    log_analytics = { name = "log-estate-prod", retention_days = 7 }
  }

  expect_failures = [var.log_analytics]
}

run "resource_group_ending_with_dot_is_rejected" {
  command = plan

  variables {
    resource_group_name = "rg-estate."
  }

  expect_failures = [var.resource_group_name]
}
