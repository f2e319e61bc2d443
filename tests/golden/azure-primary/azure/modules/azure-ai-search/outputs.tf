output "id" {
  description = "Resource id of the search service."
  value       = azurerm_search_service.this.id
}

output "name" {
  description = "Name of the search service."
  value       = azurerm_search_service.this.name
}

output "endpoint" {
  description = "Data-plane endpoint (https://<name>.search.windows.net); resolves to the private endpoint inside the VNet."
  value       = "https://${azurerm_search_service.this.name}.search.windows.net"
}

output "principal_id" {
  description = "Principal id of the service's system-assigned identity (indexer, embedding skill, vectorizer)."
  value       = azurerm_search_service.this.identity[0].principal_id
}

output "shared_private_link_status" {
  description = "Status of each shared private link (Pending until approved on the target)."
  value = {
    openai = azurerm_search_shared_private_link_service.openai.status
    blob   = azurerm_search_shared_private_link_service.blob.status
  }
}
