output "trail_arn" {
  description = "ARN of the trail: the aws:SourceArn the bucket and key policies admit."
  value       = aws_cloudtrail.this.arn
}

output "bucket_name" {
  description = "Bucket holding the log files, under AWSLogs/<account id>/CloudTrail/<region>/."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the log bucket."
  value       = aws_s3_bucket.this.arn
}

output "kms_key_arn" {
  description = "The customer-managed key the log files are encrypted with (readers need kms:Decrypt on it)."
  value       = aws_kms_key.this.arn
}

output "google_transfer_role_arn" {
  description = "The role Storage Transfer Service assumes to read the log files (null until the transfer agent's subject id is given)."
  value       = try(aws_iam_role.google_transfer[0].arn, null)
}

output "sentinel_queue_url" {
  description = "URL of the SQS queue announcing new CloudTrail files to Microsoft Sentinel (null without sentinel)."
  value       = try(aws_sqs_queue.sentinel[0].url, null)
}

output "sentinel_role_arn" {
  description = "The role Microsoft Sentinel's S3 connector assumes (null until the workspace id is given)."
  value       = try(aws_iam_role.sentinel[0].arn, null)
}
