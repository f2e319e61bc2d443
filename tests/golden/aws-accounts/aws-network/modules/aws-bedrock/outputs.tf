output "guardrail_arns" {
  description = "Guardrail ARN per model key."
  value       = { for k, g in aws_bedrock_guardrail.this : k => g.guardrail_arn }
}

output "guardrail_identifiers" {
  description = "Guardrail ARN and published version (\"<arn>:<version>\") per model key: the value of the bedrock:GuardrailIdentifier condition that grants require."
  value       = { for k, v in aws_bedrock_guardrail_version.this : k => "${aws_bedrock_guardrail.this[k].guardrail_arn}:${v.version}" }
}

output "guardrails" {
  description = "Per model key: the guardrail's id, ARN and published version. Calls must pass guardrailIdentifier = arn and guardrailVersion = version, or IAM refuses them."
  value = { for k, g in aws_bedrock_guardrail.this : k => {
    id      = g.guardrail_id
    arn     = g.guardrail_arn
    version = aws_bedrock_guardrail_version.this[k].version
  } }
}

output "guardrail_versions" {
  description = "Published guardrail version per model key (pin this in calls)."
  value       = { for k, v in aws_bedrock_guardrail_version.this : k => v.version }
}

output "provisioned_model_arns" {
  description = "Provisioned model ARN per model key (use it as the model id when invoking)."
  value       = { for k, p in aws_bedrock_provisioned_model_throughput.this : k => p.provisioned_model_arn }
}

output "invocation_log_bucket" {
  description = "Bucket receiving invocation logs, or null."
  value       = try(aws_s3_bucket.invocation_logs[0].id, null)
}

output "invocation_log_group" {
  description = "CloudWatch log group receiving invocation logs, or null."
  value       = try(aws_cloudwatch_log_group.invocation_logs[0].name, null)
}

output "runtime_endpoint_id" {
  description = "Id of the bedrock-runtime interface endpoint, or null."
  value       = try(aws_vpc_endpoint.runtime[0].id, null)
}
