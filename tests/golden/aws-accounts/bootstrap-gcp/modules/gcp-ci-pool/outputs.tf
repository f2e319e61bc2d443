output "ci_providers" {
  description = "Full resource name of each issuer's pool provider: workload_identity_provider in google-github-actions/auth, or the audience GitLab's id_tokens request."
  value       = { for k, p in google_iam_workload_identity_pool_provider.ci : k => p.name }
}

output "ci_principals" {
  description = "The principal of each CI pipeline in this project (grant it more here if the stacks need it)."
  value       = local.principal
}
