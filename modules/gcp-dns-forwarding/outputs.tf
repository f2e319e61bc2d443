output "forwarded_domains" {
  description = "Domains forwarded to the other cloud's resolver."
  value       = sort([for z in google_dns_managed_zone.forward : trimsuffix(z.dns_name, ".")])
}

output "inbound_addresses" {
  description = "Inbound entry points in the link's region (empty without the inbound policy): the other cloud forwards here."
  value       = sort(flatten([for d in data.google_compute_addresses.inbound : [for a in d.addresses : a.address]]))
}
