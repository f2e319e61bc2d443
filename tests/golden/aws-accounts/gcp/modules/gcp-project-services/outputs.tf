output "project_id" {
  description = "The project id, available only once every API is enabled: take it from here to order creation after enablement."
  value       = var.project_id
  depends_on  = [google_project_service.this]
}

output "services" {
  description = "The enabled API service names."
  value       = sort([for s in google_project_service.this : s.service])
}
