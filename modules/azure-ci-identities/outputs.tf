output "ci_client_ids" {
  description = "Client id of each CI identity, by pipeline: ARM_CLIENT_ID (with ARM_USE_OIDC=true and the tenant id) in its jobs on this subscription."
  value       = { for k, i in azurerm_user_assigned_identity.ci : k => i.client_id }
}
