output "account_id" {
  description = "Resource id of the storage account (the search data source names it: ResourceId=..., no key)."
  value       = azurerm_storage_account.this.id
}

output "account_name" {
  description = "Name of the storage account."
  value       = azurerm_storage_account.this.name
}

output "container_name" {
  description = "Name of the documents container."
  value       = azurerm_storage_container.documents.name
}

output "container_id" {
  description = "Resource manager id of the documents container (scope of reader grants)."
  value       = azurerm_storage_container.documents.id
}

output "blob_endpoint" {
  description = "Blob endpoint of the account; resolves to the private endpoint inside the VNet."
  value       = azurerm_storage_account.this.primary_blob_endpoint
}
