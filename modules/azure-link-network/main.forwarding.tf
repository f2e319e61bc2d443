# Outbound: the VNet's own queries for another cloud's private names (googleapis.com answered by a Private Service
# Connect endpoint in the GCP VPC, ...) leave through the resolver's outbound endpoint to that cloud's resolver, by a
# forwarding ruleset linked to the VNet. The rules take over names every caller in the VNet uses, so a domain gets a
# rule only once it has targets: the root stack passes them in the hand-over step after the link carries traffic (the
# other cloud picks its resolver addresses at apply time; they arrive as a hand-over).

locals {
  dns_forwarding = var.dns_forwarding == null ? [] : [var.dns_forwarding]
  forwarding_rules = var.dns_forwarding == null ? {} : {
    for domain, targets in var.dns_forwarding.forward : domain => targets if length(targets) > 0
  }
}

resource "azurerm_subnet" "dns_outbound" {
  #checkov:skip=CKV2_AZURE_31:Delegated to the DNS Private Resolver, whose outbound endpoint only sends DNS queries
  count = length(local.dns_forwarding)

  name                 = "snet-dns-outbound"
  resource_group_name  = var.resource_group_name
  virtual_network_name = var.virtual_network_name
  address_prefixes     = [local.dns_forwarding[0].outbound_subnet]

  delegation {
    name = "Microsoft.Network.dnsResolvers"
    service_delegation {
      name    = "Microsoft.Network/dnsResolvers"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

resource "azurerm_private_dns_resolver_outbound_endpoint" "this" {
  count = length(local.dns_forwarding)

  name                    = "outbound"
  private_dns_resolver_id = azurerm_private_dns_resolver.this.id
  location                = var.location
  subnet_id               = azurerm_subnet.dns_outbound[0].id
  tags                    = var.tags
}

resource "azurerm_private_dns_resolver_dns_forwarding_ruleset" "this" {
  count = length(local.dns_forwarding)

  name                                       = "${var.dns_resolver.name}-ruleset"
  resource_group_name                        = var.resource_group_name
  location                                   = var.location
  private_dns_resolver_outbound_endpoint_ids = [azurerm_private_dns_resolver_outbound_endpoint.this[0].id]
  tags                                       = var.tags
}

resource "azurerm_private_dns_resolver_virtual_network_link" "this" {
  count = length(local.dns_forwarding)

  name                      = "vnet"
  dns_forwarding_ruleset_id = azurerm_private_dns_resolver_dns_forwarding_ruleset.this[0].id
  virtual_network_id        = var.virtual_network_id
}

resource "azurerm_private_dns_resolver_forwarding_rule" "this" {
  for_each = local.forwarding_rules

  name                      = replace(trimsuffix(each.key, "."), ".", "-")
  dns_forwarding_ruleset_id = azurerm_private_dns_resolver_dns_forwarding_ruleset.this[0].id
  domain_name               = "${trimsuffix(each.key, ".")}."
  enabled                   = true

  dynamic "target_dns_servers" {
    for_each = each.value
    content {
      ip_address = target_dns_servers.value
      port       = 53
    }
  }
}
