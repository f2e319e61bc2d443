output "ci_role_arns" {
  description = "ARN of each CI role, by pipeline: role-to-assume in aws-actions/configure-aws-credentials, or ROLE_ARN for GitLab's id_tokens."
  value       = { for k, r in aws_iam_role.ci : k => r.arn }
}
