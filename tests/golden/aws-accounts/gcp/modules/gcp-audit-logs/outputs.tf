output "services" {
  description = "Services whose Data Access audit logs are on."
  value       = sort([for c in google_project_iam_audit_config.this : c.service])
}

output "pusher_email" {
  description = "The service account the push subscription signs its tokens as (the only signer the AWS receiver admits); null without aws_landing."
  value       = try(google_service_account.pusher[0].email, null)
}

output "pusher_unique_id" {
  description = "That service account's unique id (its tokens' sub): the aws stack's audit_pusher_subject_id."
  value       = try(google_service_account.pusher[0].unique_id, null)
}

output "sentinel_service_account_email" {
  description = "The service account Microsoft Sentinel impersonates to pull the audit logs (null without sentinel_landing)."
  value       = try(google_service_account.sentinel[0].email, null)
}

output "sentinel_workload_identity_provider_id" {
  description = "The pool provider's id (the connector's workloadIdentityProviderId; null without sentinel_landing)."
  value       = try(google_iam_workload_identity_pool_provider.sentinel[0].workload_identity_pool_provider_id, null)
}
