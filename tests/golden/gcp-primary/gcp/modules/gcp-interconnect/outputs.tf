output "pairing_keys" {
  description = "Partner only: the pairing key per attachment, handed to the partner to provision it."
  value       = { for k, a in google_compute_interconnect_attachment.this : k => a.pairing_key if var.type == "PARTNER" }
  sensitive   = true
}

output "router_id" {
  description = "Id of the Cloud Router."
  value       = google_compute_router.this.id
}
