output "replication_group_arn" {
  description = "ARN of the replication group (for elasticache:Connect)."
  value       = aws_elasticache_replication_group.this.arn
}

output "iam_user_arn" {
  description = "ARN of the IAM-authenticated cache user (for elasticache:Connect)."
  value       = aws_elasticache_user.iam.arn
}

output "primary_endpoint" {
  description = "Primary endpoint address (TLS)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "port" {
  description = "Cache port."
  value       = local.port
}
