output "public_ip_addresses" {
  description = "Public IP per gateway instance (\"0\", \"1\"): the aws stack's customer gateways for this link."
  value       = { for k, ip in azurerm_public_ip.this : k => ip.ip_address }
}

output "gateway_id" {
  description = "Resource id of the VPN gateway."
  value       = azurerm_virtual_network_gateway.this.id
}
