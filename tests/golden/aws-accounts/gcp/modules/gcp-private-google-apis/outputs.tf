output "address" {
  description = "Internal address of the Private Service Connect endpoint."
  value       = google_compute_global_address.this.address
}

output "dns_zones" {
  description = "Names of the private DNS zones (googleapis.com and p.googleapis.com)."
  value       = [google_dns_managed_zone.googleapis.name, google_dns_managed_zone.p_googleapis.name]
}
