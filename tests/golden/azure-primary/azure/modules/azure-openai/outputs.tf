output "account_id" {
  description = "Resource id of the account (scope for role assignments)."
  value       = azurerm_cognitive_account.this.id
}

output "account_name" {
  description = "Name (and custom subdomain) of the account."
  value       = azurerm_cognitive_account.this.name
}

output "endpoint" {
  description = "Endpoint of the account (https://<subdomain>.openai.azure.com/)."
  value       = azurerm_cognitive_account.this.endpoint
}

output "deployment_names" {
  description = "Deployment name per deployment key."
  value       = merge({ for k, d in azurerm_cognitive_deployment.this : k => d.name }, { for k, d in azurerm_cognitive_deployment.provisioned : k => d.name })
}

output "private_endpoint_ip" {
  description = "Private IP address of the account's endpoint in the VNet, or null."
  value       = try(azurerm_private_endpoint.this[0].private_service_connection[0].private_ip_address, null)
}
