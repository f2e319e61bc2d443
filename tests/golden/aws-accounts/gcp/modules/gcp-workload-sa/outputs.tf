output "email" {
  description = "Email of the service account."
  value       = google_service_account.this.email
}

output "member" {
  description = "IAM member string (serviceAccount:<email>) for resource-level grants."
  value       = google_service_account.this.member
}

output "name" {
  description = "Fully qualified name (projects/<project>/serviceAccounts/<email>)."
  value       = google_service_account.this.name
}
