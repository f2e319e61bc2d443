output "id" {
  description = "Resource id of the Azure Managed Redis instance."
  value       = azurerm_managed_redis.this.id
}

output "hostname" {
  description = "Hostname of the cache (resolves to the private endpoint through the privatelink.redis.azure.net zone)."
  value       = azurerm_managed_redis.this.hostname
}

output "port" {
  description = "TLS port of the default database."
  value       = azurerm_managed_redis.this.default_database[0].port
}
