output "resource_group_name" {
  description = "Name of the resource group."
  value       = azurerm_resource_group.this.name
}

output "resource_group_id" {
  description = "Resource id of the resource group."
  value       = azurerm_resource_group.this.id
}

output "virtual_network_id" {
  description = "Resource id of the VNet."
  value       = azurerm_virtual_network.this.id
}

output "private_endpoint_subnet_id" {
  description = "Resource id of the subnet that hosts private endpoints."
  value       = azurerm_subnet.private_endpoints.id
}

output "private_dns_zone_ids" {
  description = "Private DNS zone id per zone name."
  value       = { for name, zone in azurerm_private_dns_zone.this : name => zone.id }
}

output "log_analytics_workspace_id" {
  description = "Resource id of the Log Analytics workspace."
  value       = azurerm_log_analytics_workspace.this.id
}

output "log_analytics_customer_id" {
  description = "The Log Analytics workspace id (a GUID, not the resource id): Sentinel names its AWS role sessions after it."
  value       = azurerm_log_analytics_workspace.this.workspace_id
}

output "sentinel_workspace_id" {
  description = "Resource id of the workspace Sentinel is onboarded on (null without sentinel): connectors depend on it."
  value       = try(azurerm_sentinel_log_analytics_workspace_onboarding.this[0].workspace_id, null)
}
