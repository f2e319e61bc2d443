output "endpoint_ids" {
  description = "Full resource id of each endpoint, keyed by model name."
  value       = { for k, e in google_vertex_ai_endpoint.this : k => e.id }
}
