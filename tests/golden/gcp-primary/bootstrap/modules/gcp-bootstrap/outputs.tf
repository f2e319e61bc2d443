output "state_bucket" {
  description = "Name of the state bucket: `bucket` in every stack's backend.hcl."
  value       = google_storage_bucket.state.name
}

output "ci_providers" {
  description = "Full resource name of each issuer's pool provider: workload_identity_provider in google-github-actions/auth, or the audience GitLab's id_tokens request."
  value       = { for k, p in google_iam_workload_identity_pool_provider.ci : k => p.name }
}
