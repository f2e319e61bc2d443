mock_provider "azurerm" {}

variables {
  name                = "vpngw-estate-prod"
  resource_group_name = "rg-estate-prod"
  location            = "eastus2"
  gateway_subnet_id   = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-estate-prod/providers/Microsoft.Network/virtualNetworks/vnet-estate-prod/subnets/GatewaySubnet"
  asn                 = 65515
  aws_asn             = 64512
  preshared_keys = {
    "0-1" = "test.only.tunnel.01"
    "0-2" = "test.only.tunnel.02"
    "1-1" = "test.only.tunnel.11"
    "1-2" = "test.only.tunnel.12"
  }
  apipa_addresses = {
    "0" = ["169.254.21.2", "169.254.22.2"]
    "1" = ["169.254.21.6", "169.254.22.6"]
  }
}

run "active_active_bgp_gateway_alone_first" {
  command = plan

  assert {
    condition     = azurerm_virtual_network_gateway.this.active_active && azurerm_virtual_network_gateway.this.bgp_enabled && length(azurerm_public_ip.this) == 2
    error_message = "Active-active with BGP and one public IP per instance."
  }

  assert {
    condition     = length(azurerm_virtual_network_gateway_connection.this) == 0
    error_message = "No connections before the AWS tunnels exist."
  }
}

run "four_tunnels_once_aws_is_applied" {
  command = plan

  variables {
    aws_tunnels = {
      "0" = [{ outside_address = "198.51.100.1", aws_inside_address = "169.254.21.1", peer_inside_address = "169.254.21.2" },
      { outside_address = "198.51.100.2", aws_inside_address = "169.254.22.1", peer_inside_address = "169.254.22.2" }]
      "1" = [{ outside_address = "198.51.100.3", aws_inside_address = "169.254.21.5", peer_inside_address = "169.254.21.6" },
      { outside_address = "198.51.100.4", aws_inside_address = "169.254.22.5", peer_inside_address = "169.254.22.6" }]
    }
  }

  assert {
    condition     = length(azurerm_local_network_gateway.this) == 4 && length(azurerm_virtual_network_gateway_connection.this) == 4
    error_message = "One local gateway and one connection per AWS tunnel."
  }

  assert {
    condition     = azurerm_local_network_gateway.this["1-2"].bgp_settings[0].bgp_peering_address == "169.254.22.5" && azurerm_local_network_gateway.this["1-2"].bgp_settings[0].asn == 64512
    error_message = "Each local gateway peers with its tunnel's AWS inside address."
  }

  assert {
    condition     = azurerm_virtual_network_gateway_connection.this["1-1"].custom_bgp_addresses[0].secondary == "169.254.21.6" && azurerm_virtual_network_gateway_connection.this["0-2"].custom_bgp_addresses[0].primary == "169.254.22.2"
    error_message = "The instance terminating a tunnel uses that tunnel's APIPA address."
  }
}

run "non_apipa_bgp_address_is_refused" {
  command = plan

  variables {
    apipa_addresses = { "0" = ["169.254.10.2"], "1" = ["169.254.21.6"] }
  }

  expect_failures = [var.apipa_addresses]
}
