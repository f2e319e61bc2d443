# Transit virtual interfaces, used instead of the private ones (main.tf) when the gateway is associated with a
# Transit Gateway: same VLANs, BGP sessions and addresses, on the same Direct Connect gateway.

resource "aws_dx_transit_virtual_interface" "this" {
  count = local.connected && local.transit ? 1 : 0

  name             = var.name
  connection_id    = var.connection_id
  dx_gateway_id    = aws_dx_gateway.this.id
  vlan             = var.virtual_interface.vlan
  address_family   = "ipv4"
  bgp_asn          = var.virtual_interface.peer_asn
  amazon_address   = var.virtual_interface.amazon_address
  customer_address = var.virtual_interface.customer_address
  mtu              = var.virtual_interface.mtu
  tags             = var.tags

  depends_on = [aws_dx_connection_confirmation.this]

  lifecycle {
    precondition {
      condition     = var.virtual_interface.vlan != null
      error_message = "virtual_interface.vlan is required once connection_id is set: use the VLAN the partner assigned to the hosted connection (aws directconnect describe-connections --connection-id <id> --query 'connections[0].vlan')."
    }
  }
}

resource "aws_dx_transit_virtual_interface" "secondary" {
  count = local.secondary_connected && local.transit ? 1 : 0

  name             = "${var.name}-secondary"
  connection_id    = var.secondary.connection_id
  dx_gateway_id    = aws_dx_gateway.this.id
  vlan             = var.secondary.virtual_interface.vlan
  address_family   = "ipv4"
  bgp_asn          = var.secondary.virtual_interface.peer_asn
  amazon_address   = var.secondary.virtual_interface.amazon_address
  customer_address = var.secondary.virtual_interface.customer_address
  mtu              = var.secondary.virtual_interface.mtu
  tags             = var.tags

  depends_on = [aws_dx_connection_confirmation.secondary]

  lifecycle {
    precondition {
      condition     = var.secondary.virtual_interface.vlan != null
      error_message = "secondary.virtual_interface.vlan is required once secondary.connection_id is set: the VLAN the partner assigned to that connection."
    }
  }
}
