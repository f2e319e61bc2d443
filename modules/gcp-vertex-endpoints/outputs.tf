output "endpoint_ids" {
  description = "Full resource id of each endpoint, keyed by model name."
  value       = { for k, e in google_vertex_ai_endpoint.this : k => e.id }
}

output "psc_addresses" {
  description = "Internal address of each Private Service Connect consumer endpoint (callers send requests there), keyed by model name; only endpoints whose service attachment is set."
  value       = { for k, a in google_compute_address.psc : k => a.address }
}
