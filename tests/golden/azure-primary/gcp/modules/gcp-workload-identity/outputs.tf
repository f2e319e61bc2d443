output "pool_name" {
  description = "Full resource name of the pool (projects/<number>/locations/global/workloadIdentityPools/<id>)."
  value       = google_iam_workload_identity_pool.this.name
}

output "provider_name" {
  description = "Full resource name of the provider; the workload's credential configuration names it as the audience."
  value       = google_iam_workload_identity_pool_provider.this.name
}

output "principal" {
  description = "The federated principal (principalSet:// for an AWS role, principal:// for an OIDC subject) to grant roles or impersonation to."
  value       = local.principal
}
