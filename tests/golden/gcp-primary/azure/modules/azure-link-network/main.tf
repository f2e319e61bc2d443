# The VNet side every cross-cloud link needs: the `GatewaySubnet` that the ExpressRoute and VPN gateways share (Azure
# requires that exact name), and a DNS Private Resolver whose inbound endpoint lets the other clouds resolve the
# private endpoint names (`privatelink.openai.azure.com`, ...) of this VNet. The inbound endpoint has a static
# address from the address plan, so the AWS stack can forward to it without waiting for this one.

resource "azurerm_subnet" "gateway" {
  name                 = "GatewaySubnet"
  resource_group_name  = var.resource_group_name
  virtual_network_name = var.virtual_network_name
  address_prefixes     = [var.gateway_subnet]
}

resource "azurerm_subnet" "dns_inbound" {
  #checkov:skip=CKV2_AZURE_31:Delegated to the DNS Private Resolver, whose inbound endpoint answers DNS (53) only
  name                 = "snet-dns-inbound"
  resource_group_name  = var.resource_group_name
  virtual_network_name = var.virtual_network_name
  address_prefixes     = [var.dns_resolver.inbound_subnet]

  delegation {
    name = "Microsoft.Network.dnsResolvers"
    service_delegation {
      name    = "Microsoft.Network/dnsResolvers"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

resource "azurerm_private_dns_resolver" "this" {
  name                = var.dns_resolver.name
  resource_group_name = var.resource_group_name
  location            = var.location
  virtual_network_id  = var.virtual_network_id
  tags                = var.tags
}

resource "azurerm_private_dns_resolver_inbound_endpoint" "this" {
  name                    = "inbound"
  private_dns_resolver_id = azurerm_private_dns_resolver.this.id
  location                = var.location
  tags                    = var.tags

  ip_configurations {
    subnet_id                    = azurerm_subnet.dns_inbound.id
    private_ip_allocation_method = "Static"
    private_ip_address           = var.dns_resolver.inbound_address
  }
}
