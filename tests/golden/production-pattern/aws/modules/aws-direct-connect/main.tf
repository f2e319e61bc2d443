# The AWS end of a private link at a colocation: a Direct Connect gateway associated with the VPC's virtual private
# gateway, and a private virtual interface on the connection the partner provisions (hosted) or you ordered
# (dedicated). The other cloud's circuit (ExpressRoute, Partner Interconnect) meets it on the partner's router.
#
# When the AWS accounts share a Transit Gateway, the Direct Connect gateway associates with it instead and the
# interfaces are transit virtual interfaces (a private one cannot reach a Transit Gateway; AWS allows transit
# interfaces on dedicated and hosted connections of any speed). The association is a hub attachment that associates
# with and propagates into the hub's default route table (set on the hub), and AWS advertises exactly its
# allowed_prefixes (every attached account's range) to the colocation. The gateway's ASN differs from the hub's.
#
# The connection does not exist until the partner provisions it, so its id is an input: while it is null only the
# gateway and its association are created; once supplied, a hosted connection is accepted and the interface is
# created on it. On a hosted connection the partner assigns the VLAN, so it is an input too, never a number chosen
# here: the interface must use the VLAN of the connection it sits on.

locals {
  connected           = var.connection_id != null
  secondary_connected = try(var.secondary.connection_id, null) != null
  transit             = var.transit_gateway_id != null
}

resource "aws_dx_gateway" "this" {
  name            = var.name
  amazon_side_asn = tostring(var.amazon_side_asn)
}

resource "aws_dx_gateway_association" "this" {
  dx_gateway_id         = aws_dx_gateway.this.id
  associated_gateway_id = coalesce(var.vpn_gateway_id, var.transit_gateway_id)
  allowed_prefixes      = sort(var.allowed_prefixes)
}

resource "aws_dx_connection_confirmation" "this" {
  count = local.connected && var.hosted ? 1 : 0

  connection_id = var.connection_id
}

resource "aws_dx_private_virtual_interface" "this" {
  count = local.connected && !local.transit ? 1 : 0

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

# The second connection: its own virtual interface (VLAN and /30 of its own) on the same gateway; BGP uses both.
resource "aws_dx_connection_confirmation" "secondary" {
  count = local.secondary_connected && var.hosted ? 1 : 0

  connection_id = var.secondary.connection_id
}

resource "aws_dx_private_virtual_interface" "secondary" {
  count = local.secondary_connected && !local.transit ? 1 : 0

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
