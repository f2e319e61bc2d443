output "storage_account_id" {
  description = "Resource id of the account: the diagnostic settings' storage_account_id (known once the containers exist, so Azure Monitor never creates them first)."
  value       = azurerm_storage_account.this.id
  depends_on  = [azurerm_storage_container.logs]
}

output "storage_account_name" {
  description = "Name of the account: the transfer jobs' source account."
  value       = azurerm_storage_account.this.name
}

output "containers" {
  description = "Container per exported category (insights-logs-<category>): the transfer jobs' sources."
  value       = { for c, container in azurerm_storage_container.logs : c => container.name }
}

output "client_id" {
  description = "Client id of the Entra ID application Storage Transfer Service signs in as (the gcp stack's federated_identity_config.client_id)."
  value       = azuread_application.transfer.client_id
}

output "principal_id" {
  description = "Object id of the application's service principal (holds Storage Blob Data Reader on the containers only)."
  value       = azuread_service_principal.transfer.object_id
}
