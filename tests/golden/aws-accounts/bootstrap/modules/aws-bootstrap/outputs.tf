output "state_bucket" {
  description = "Name of the state bucket: `bucket` in every stack's backend.hcl."
  value       = aws_s3_bucket.state.bucket
}

output "state_kms_key_arn" {
  description = "ARN of the key that encrypts the state (the bucket's default encryption)."
  value       = aws_kms_key.state.arn
}

output "ci_role_arns" {
  description = "ARN of each CI role, by pipeline: role-to-assume in aws-actions/configure-aws-credentials, or ROLE_ARN for GitLab's id_tokens."
  value       = { for k, r in aws_iam_role.ci : k => r.arn }
}
