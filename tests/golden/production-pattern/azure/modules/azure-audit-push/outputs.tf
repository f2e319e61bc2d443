output "principal_id" {
  description = "Object id of the workflow's managed identity: the token's oid, the one the AWS receiver admits (the aws stack's audit_azure_principal_id)."
  value       = azurerm_logic_app_workflow.this.identity[0].principal_id
}

output "identifier_uri" {
  description = "The audience of the workflow's tokens (the application's identifier URI)."
  value       = one(azuread_application.receiver.identifier_uris)
}

output "workflow_id" {
  description = "Resource id of the workflow (its run history shows every window shipped or failed)."
  value       = azurerm_logic_app_workflow.this.id
}
