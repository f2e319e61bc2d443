output "services" {
  description = "Services whose Data Access audit logs are on."
  value       = sort([for c in google_project_iam_audit_config.this : c.service])
}
