mock_provider "azurerm" {}

variables {
  resource_group_name  = "rg-estate-prod"
  location             = "eastus2"
  virtual_network_name = "vnet-estate-prod"
  virtual_network_id   = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-estate-prod/providers/Microsoft.Network/virtualNetworks/vnet-estate-prod"
  gateway_subnet       = "10.20.0.64/27"
  dns_resolver = {
    name            = "dnspr-estate-prod"
    inbound_subnet  = "10.20.0.96/28"
    inbound_address = "10.20.0.100"
  }
}

run "gateway_subnet_and_static_inbound_endpoint" {
  command = plan

  assert {
    condition     = azurerm_subnet.gateway.name == "GatewaySubnet"
    error_message = "Azure gateways only deploy into a subnet named GatewaySubnet."
  }

  assert {
    condition     = azurerm_private_dns_resolver_inbound_endpoint.this.ip_configurations[0].private_ip_address == "10.20.0.100" && azurerm_private_dns_resolver_inbound_endpoint.this.ip_configurations[0].private_ip_allocation_method == "Static"
    error_message = "The inbound endpoint has the plan's static address."
  }

  assert {
    condition     = azurerm_subnet.dns_inbound.delegation[0].service_delegation[0].name == "Microsoft.Network/dnsResolvers"
    error_message = "The inbound subnet is delegated to the resolver."
  }
}

run "small_gateway_subnet_is_refused" {
  command = plan

  variables {
    gateway_subnet = "10.20.0.64/28"
  }

  expect_failures = [var.gateway_subnet]
}

run "address_outside_the_subnet_is_refused" {
  command = plan

  variables {
    dns_resolver = { name = "dnspr-estate-prod", inbound_subnet = "10.20.0.96/28", inbound_address = "10.20.1.4" }
  }

  expect_failures = [var.dns_resolver]
}

run "outbound_rules_wait_for_their_targets" {
  command = plan

  variables {
    dns_forwarding = { outbound_subnet = "10.20.0.112/28", forward = { "googleapis.com" = ["10.30.0.5"], "p.googleapis.com" = [] } }
  }

  assert {
    condition     = azurerm_subnet.dns_outbound[0].address_prefixes == tolist(["10.20.0.112/28"]) && azurerm_private_dns_resolver_virtual_network_link.this[0].virtual_network_id == var.virtual_network_id
    error_message = "The outbound endpoint has its own delegated subnet and the ruleset is linked to the VNet."
  }

  assert {
    condition     = keys(azurerm_private_dns_resolver_forwarding_rule.this) == ["googleapis.com"] && azurerm_private_dns_resolver_forwarding_rule.this["googleapis.com"].domain_name == "googleapis.com."
    error_message = "A rule exists for each domain with targets (Azure wants the trailing dot); none for a domain without."
  }
}

run "switched_off_forwarding_has_no_rule" {
  command = plan

  variables {
    dns_forwarding = { outbound_subnet = "10.20.0.112/28", forward = { "googleapis.com" = [] } }
  }

  assert {
    condition     = length(azurerm_private_dns_resolver_forwarding_rule.this) == 0 && length(azurerm_private_dns_resolver_outbound_endpoint.this) == 1
    error_message = "Until the link carries traffic the endpoint exists but no rule takes over the names."
  }
}

run "no_forwarding_no_outbound_endpoint" {
  command = plan

  assert {
    condition     = length(azurerm_private_dns_resolver_outbound_endpoint.this) == 0 && length(azurerm_subnet.dns_outbound) == 0
    error_message = "An outbound endpoint is billed by the hour: none without names to forward."
  }
}
