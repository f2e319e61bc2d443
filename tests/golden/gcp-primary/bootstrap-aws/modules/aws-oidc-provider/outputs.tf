output "arn" {
  description = "ARN of the OIDC provider: the Federated principal of the roles that trust this cluster."
  value       = aws_iam_openid_connect_provider.this.arn
}

output "condition_prefix" {
  description = "The issuer without https://: IAM's condition keys are <prefix>:sub and <prefix>:aud."
  value       = trimprefix(var.issuer_url, "https://")
}
