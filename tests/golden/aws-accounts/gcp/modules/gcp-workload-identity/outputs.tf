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

output "more_provider_names" {
  description = "Provider id -> full resource name of the providers for more_oidc_issuers: the audience for pods on that issuer's cluster."
  value       = { for id, p in google_iam_workload_identity_pool_provider.more : id => p.name }
}
