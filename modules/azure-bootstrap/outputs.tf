output "storage_account_name" {
  description = "State storage account: `storage_account_name` in every stack's backend.hcl."
  value       = azurerm_storage_account.state.name
}

output "ci_client_ids" {
  description = "Client id of each CI identity, by pipeline: ARM_CLIENT_ID (with ARM_USE_OIDC=true and the tenant id) in its jobs."
  value       = { for k, i in azurerm_user_assigned_identity.ci : k => i.client_id }
}
