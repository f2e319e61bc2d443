output "circuit_id" {
  description = "Resource id of the ExpressRoute circuit."
  value       = azurerm_express_route_circuit.this.id
}

output "service_key" {
  description = "Service key to hand to the connectivity partner so it provisions the circuit."
  value       = azurerm_express_route_circuit.this.service_key
  sensitive   = true
}

output "provisioning_state" {
  description = "The partner's provisioning state of the circuit (Provisioned when usable)."
  value       = azurerm_express_route_circuit.this.service_provider_provisioning_state
}
