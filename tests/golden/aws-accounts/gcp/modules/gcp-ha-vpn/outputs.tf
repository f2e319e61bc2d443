output "interface_addresses" {
  description = "Public address per HA VPN interface (\"0\", \"1\"): the aws stack's customer gateways for this link."
  value       = { for i in google_compute_ha_vpn_gateway.this.vpn_interfaces : tostring(i.id) => i.ip_address }
}

output "router_id" {
  description = "Id of the Cloud Router terminating the tunnels."
  value       = google_compute_router.this.id
}
