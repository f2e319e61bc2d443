output "id" {
  description = "Resource id of the managed identity."
  value       = azurerm_user_assigned_identity.this.id
}

output "client_id" {
  description = "Client id the workload requests tokens for (AZURE_CLIENT_ID); not a secret."
  value       = azurerm_user_assigned_identity.this.client_id
}

output "principal_id" {
  description = "Object id of the identity's service principal (for role assignments elsewhere)."
  value       = azurerm_user_assigned_identity.this.principal_id
}

output "tenant_id" {
  description = "Entra ID tenant of the identity (AZURE_TENANT_ID)."
  value       = azurerm_user_assigned_identity.this.tenant_id
}
