output "member" {
  description = "IAM member string of the Kubernetes service account (principal://...svc.id.goog/subject/ns/<ns>/sa/<sa>) for resource-level grants."
  value       = local.member
}

output "project_roles" {
  description = "Project roles granted to the principal."
  value       = sort(keys(google_project_iam_member.this))
}
