output "gateway_subnet_id" {
  description = "Resource id of the GatewaySubnet."
  value       = azurerm_subnet.gateway.id
}

output "dns_inbound_address" {
  description = "Address other clouds forward Azure private DNS names to."
  value       = azurerm_private_dns_resolver_inbound_endpoint.this.ip_configurations[0].private_ip_address
}
