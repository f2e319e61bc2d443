# The Azure end of a private link at a colocation: an ExpressRoute provider circuit, its private peering with the
# partner's router (which also terminates the AWS Direct Connect interface or the GCP Partner Interconnect
# attachments), a zone-redundant ExpressRoute gateway in
# the VNet's GatewaySubnet, and the connection between gateway and circuit. No public IP on the gateway: the provider
# documents that ExpressRoute gateways take none.
#
# A circuit is only usable after the partner provisions it with its service key (an output here). Azure refuses the
# private peering and the connection before that, so both wait for `circuit_provisioned = true` (second apply) and
# for `private_peering`, which a partner may supply only then (its VLAN and /30s).

resource "azurerm_express_route_circuit" "this" {
  name                     = var.name
  resource_group_name      = var.resource_group_name
  location                 = var.location
  service_provider_name    = var.circuit.service_provider_name
  peering_location         = var.circuit.peering_location
  bandwidth_in_mbps        = var.circuit.bandwidth_in_mbps
  allow_classic_operations = false
  tags                     = var.tags

  sku {
    tier   = var.circuit.tier
    family = var.circuit.family
  }
}

resource "azurerm_express_route_circuit_peering" "private" {
  count = var.circuit_provisioned && var.private_peering != null ? 1 : 0

  peering_type                  = "AzurePrivatePeering"
  express_route_circuit_name    = azurerm_express_route_circuit.this.name
  resource_group_name           = var.resource_group_name
  peer_asn                      = var.private_peering.peer_asn
  primary_peer_address_prefix   = var.private_peering.primary_prefix
  secondary_peer_address_prefix = var.private_peering.secondary_prefix
  vlan_id                       = var.private_peering.vlan_id
  ipv4_enabled                  = true
}

resource "azurerm_virtual_network_gateway" "this" {
  name                = "${var.name}-ergw"
  resource_group_name = var.resource_group_name
  location            = var.location
  type                = "ExpressRoute"
  sku                 = var.gateway_sku
  tags                = var.tags

  ip_configuration {
    name                          = "default"
    subnet_id                     = var.gateway_subnet_id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_virtual_network_gateway_connection" "this" {
  count = var.circuit_provisioned && var.private_peering != null ? 1 : 0

  name                       = "${var.name}-connection"
  resource_group_name        = var.resource_group_name
  location                   = var.location
  type                       = "ExpressRoute"
  virtual_network_gateway_id = azurerm_virtual_network_gateway.this.id
  express_route_circuit_id   = azurerm_express_route_circuit.this.id
  routing_weight             = 10
  tags                       = var.tags

  depends_on = [azurerm_express_route_circuit_peering.private]
}
