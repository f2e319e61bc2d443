mock_provider "azurerm" {}

variables {
  name                = "erc-estate-prod-aws"
  resource_group_name = "rg-estate-prod"
  location            = "eastus2"
  circuit = {
    service_provider_name = "Equinix"
    peering_location      = "Washington DC"
    bandwidth_in_mbps     = 1000
  }
  private_peering = {
    peer_asn         = 65010
    primary_prefix   = "192.168.255.0/30"
    secondary_prefix = "192.168.255.4/30"
    vlan_id          = 100
  }
  gateway_subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-estate-prod/providers/Microsoft.Network/virtualNetworks/vnet-estate-prod/subnets/GatewaySubnet"
}

run "circuit_and_gateway_before_provisioning" {
  command = plan

  assert {
    condition     = azurerm_express_route_circuit.this.sku[0].tier == "Standard" && azurerm_express_route_circuit.this.sku[0].family == "MeteredData"
    error_message = "Standard metered circuit by default."
  }

  assert {
    condition     = length(azurerm_express_route_circuit_peering.private) == 0 && length(azurerm_virtual_network_gateway_connection.this) == 0
    error_message = "Peering and connection wait for the partner."
  }

  assert {
    condition     = azurerm_virtual_network_gateway.this.type == "ExpressRoute" && azurerm_virtual_network_gateway.this.sku == "ErGw1AZ"
    error_message = "Zone-redundant ExpressRoute gateway."
  }

  assert {
    condition     = azurerm_virtual_network_gateway.this.ip_configuration[0].public_ip_address_id == null
    error_message = "No public IP on an ExpressRoute gateway."
  }
}

run "provisioned_circuit_gets_peering_and_connection" {
  command = plan

  variables {
    circuit_provisioned = true
  }

  assert {
    condition     = azurerm_express_route_circuit_peering.private[0].peering_type == "AzurePrivatePeering" && azurerm_express_route_circuit_peering.private[0].vlan_id == 100
    error_message = "Private peering on the link's VLAN."
  }

  assert {
    condition     = azurerm_virtual_network_gateway_connection.this[0].type == "ExpressRoute"
    error_message = "The gateway connects to the circuit."
  }
}

run "provisioned_circuit_waits_for_the_partner_supplied_peering" {
  command = plan

  variables {
    circuit_provisioned = true
    private_peering     = null
  }

  assert {
    condition     = length(azurerm_express_route_circuit_peering.private) == 0 && length(azurerm_virtual_network_gateway_connection.this) == 0
    error_message = "Without the partner's VLAN and /30s there is no peering and no connection."
  }
}

run "unsupported_bandwidth_is_refused" {
  command = plan

  variables {
    circuit = { service_provider_name = "Equinix", peering_location = "Washington DC", bandwidth_in_mbps = 300 }
  }

  expect_failures = [var.circuit]
}

run "gateway_outside_gatewaysubnet_is_refused" {
  command = plan

  variables {
    gateway_subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/default"
  }

  expect_failures = [var.gateway_subnet_id]
}
