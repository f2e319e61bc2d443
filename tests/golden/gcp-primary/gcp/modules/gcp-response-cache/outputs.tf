output "id" {
  description = "Resource id of the instance."
  value       = google_memorystore_instance.this.id
}

output "discovery_endpoint" {
  description = "Address the clients connect to (a Private Service Connect endpoint in the VPC)."
  value       = try(google_memorystore_instance.this.endpoints[0].connections[0].psc_auto_connection[0].ip_address, null)
}
