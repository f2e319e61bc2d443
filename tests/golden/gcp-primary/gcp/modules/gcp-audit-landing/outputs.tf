output "bucket_name" {
  description = "The log store: AWS's CloudTrail files land under aws/AWSLogs/<account id>/CloudTrail/, Azure's diagnostic logs under azure/insights-logs-<category>/."
  value       = google_storage_bucket.this.name
}

output "transfer_subject_id" {
  description = "Subject id of the project's Storage Transfer Service agent: the accounts.google.com:sub the AWS reader role and the Azure application's federated credential must trust (hand it to those stacks)."
  value       = data.google_storage_transfer_project_service_account.this.subject_id
}

output "transfer_job_names" {
  description = "The Storage Transfer Service job copying each AWS trail's log files (by trail) and each Azure container (by <stack>/<container>)."
  value       = merge({ for k, j in google_storage_transfer_job.aws_trail : k => j.name }, { for k, j in google_storage_transfer_job.azure_logs : k => j.name })
}
