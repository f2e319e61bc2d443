output "bgp_auth_keys" {
  description = "BGP MD5 key AWS generated for each private virtual interface (primary, secondary; null until created): the partner configures it on its router."
  value = {
    primary   = one(concat(aws_dx_private_virtual_interface.this[*].bgp_auth_key, aws_dx_transit_virtual_interface.this[*].bgp_auth_key))
    secondary = one(concat(aws_dx_private_virtual_interface.secondary[*].bgp_auth_key, aws_dx_transit_virtual_interface.secondary[*].bgp_auth_key))
  }
  sensitive = true
}

output "dx_gateway_id" {
  description = "Id of the Direct Connect gateway."
  value       = aws_dx_gateway.this.id
}

output "secondary_virtual_interface_id" {
  description = "Id of the second private virtual interface (null without a second connection)."
  value       = one(concat(aws_dx_private_virtual_interface.secondary[*].id, aws_dx_transit_virtual_interface.secondary[*].id))
}

output "virtual_interface_id" {
  description = "Id of the private virtual interface (null until the connection id is supplied)."
  value       = one(concat(aws_dx_private_virtual_interface.this[*].id, aws_dx_transit_virtual_interface.this[*].id))
}
