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

run "gcp_peer_one_local_gateway_per_interface" {
  command = plan

  variables {
    name            = "vpngw-estate-prod"
    aws_asn         = null
    preshared_keys  = {}
    apipa_addresses = { "0" = [], "1" = [] }
    gcp_peer = {
      asn                 = 64514
      interface_addresses = { "0" = "203.0.113.10", "1" = "203.0.113.11" }
      bgp_addresses = {
        "0" = { gcp = "169.254.21.254", azure = "169.254.21.253" }
        "1" = { gcp = "169.254.22.254", azure = "169.254.22.253" }
      }
    }
    gcp_preshared_keys = { "0" = "test.only.gcp.0", "1" = "test.only.gcp.1" }
  }

  assert {
    condition     = length(azurerm_local_network_gateway.gcp) == 2 && length(azurerm_virtual_network_gateway_connection.gcp) == 2 && length(azurerm_local_network_gateway.this) == 0
    error_message = "One local network gateway and one connection per GCP HA VPN interface; nothing for AWS."
  }

  assert {
    condition     = azurerm_local_network_gateway.gcp["1"].gateway_address == "203.0.113.11" && azurerm_local_network_gateway.gcp["1"].bgp_settings[0].bgp_peering_address == "169.254.22.254" && azurerm_local_network_gateway.gcp["1"].bgp_settings[0].asn == 64514
    error_message = "Each local gateway is a GCP interface and the Cloud Router's BGP address on its tunnel."
  }

  assert {
    condition     = azurerm_virtual_network_gateway_connection.gcp["0"].custom_bgp_addresses[0].primary == "169.254.21.253" && azurerm_virtual_network_gateway_connection.gcp["0"].custom_bgp_addresses[0].secondary == "169.254.22.253"
    error_message = "Instance 0 and 1 use their GCP-session APIPA addresses."
  }

  assert {
    condition     = azurerm_virtual_network_gateway.this.bgp_settings[0].peering_addresses[1].apipa_addresses == tolist(["169.254.22.253"])
    error_message = "The gateway instances carry the GCP sessions' APIPA addresses."
  }
}

run "gcp_and_aws_share_the_gateway" {
  command = plan

  variables {
    gcp_peer = {
      asn                 = 64514
      interface_addresses = {}
      bgp_addresses = {
        "0" = { gcp = "169.254.21.254", azure = "169.254.21.253" }
        "1" = { gcp = "169.254.22.254", azure = "169.254.22.253" }
      }
    }
    gcp_preshared_keys = { "0" = "test.only.gcp.0", "1" = "test.only.gcp.1" }
  }

  assert {
    condition     = azurerm_virtual_network_gateway.this.bgp_settings[0].peering_addresses[0].apipa_addresses == tolist(["169.254.21.2", "169.254.22.2", "169.254.21.253"]) && length(azurerm_local_network_gateway.gcp) == 0
    error_message = "AWS tunnels' and the GCP session's APIPA addresses sit on one gateway; no GCP connection before its interfaces are known."
  }
}

run "gcp_peer_needs_its_keys" {
  command = plan

  variables {
    gcp_peer = {
      asn                 = 64514
      interface_addresses = {}
      bgp_addresses = {
        "0" = { gcp = "169.254.21.254", azure = "169.254.21.253" }
        "1" = { gcp = "169.254.22.254", azure = "169.254.22.253" }
      }
    }
    gcp_preshared_keys = { "0" = "test.only.same", "1" = "test.only.same" }
  }

  expect_failures = [var.gcp_preshared_keys]
}
