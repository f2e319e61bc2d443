output "gateway_subnet_id" {
  description = "Resource id of the GatewaySubnet."
  value       = azurerm_subnet.gateway.id
}

output "dns_inbound_address" {
  description = "Address other clouds forward Azure private DNS names to."
  value       = azurerm_private_dns_resolver_inbound_endpoint.this.ip_configurations[0].private_ip_address
}

output "dns_forwarding_ruleset_id" {
  description = "Forwarding ruleset of the outbound endpoint (null without one): link it to other VNets (an AKS cluster's) that need the same names."
  value       = one(azurerm_private_dns_resolver_dns_forwarding_ruleset.this[*].id)
}

output "forwarded_domains" {
  description = "Domains forwarded to another cloud's resolver."
  value       = sort(keys(azurerm_private_dns_resolver_forwarding_rule.this))
}
