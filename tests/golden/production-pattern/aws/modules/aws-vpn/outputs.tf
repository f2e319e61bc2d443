output "tunnels" {
  description = "Per interface: both tunnels' AWS public address and inside addresses (the other cloud's side needs them)."
  value = {
    for k, c in aws_vpn_connection.this : k => [
      { outside_address = c.tunnel1_address, aws_inside_address = c.tunnel1_vgw_inside_address, peer_inside_address = c.tunnel1_cgw_inside_address },
      { outside_address = c.tunnel2_address, aws_inside_address = c.tunnel2_vgw_inside_address, peer_inside_address = c.tunnel2_cgw_inside_address },
    ]
  }
}

output "transit_gateway_attachment_ids" {
  description = "Transit Gateway attachment id per connection (empty on a virtual private gateway)."
  value       = { for k, c in aws_vpn_connection.this : k => c.transit_gateway_attachment_id if var.transit_gateway_id != null }
}
