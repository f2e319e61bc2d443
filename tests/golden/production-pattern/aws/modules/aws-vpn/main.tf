# The AWS end of an HA VPN: one customer gateway per public interface of the other cloud's VPN gateway (Azure
# active-active or GCP HA VPN: two), one site-to-site VPN connection each (two tunnels per connection, four in all),
# BGP on every tunnel, on the VPC's virtual private gateway, or on the estate's Transit Gateway when the AWS accounts
# share one: each connection is then a Transit Gateway VPN attachment, associated with and propagating into the
# gateway's default route table (set explicitly on the gateway), so every attached VPC reaches the other cloud and
# the other cloud learns every attached VPC's range over BGP; the four tunnels share the load (ECMP, enabled on the
# gateway). It is the fallback path of a private link, or the link.
#
# The peer's public addresses exist only after the other cloud's stack is applied, so `peer_addresses` starts empty
# (nothing is created) and is filled in on a second apply; the README lists the order.
#
# Pre-shared keys: one per tunnel (a leaked key opens one tunnel, not four), a sensitive input map with no default,
# supplied from a secret store (TF_VAR_...). aws_vpn_connection has no write-only key argument in aws 5.100 or 6.69,
# so the keys land in this stack's state, which lives encrypted in the control-plane backend.

locals {
  # null leaves AWS's default proposal set in place
  ike_encryption = var.ike_ciphers == null ? null : [var.ike_ciphers.encryption]
  ike_integrity  = var.ike_ciphers == null ? null : [var.ike_ciphers.integrity]
  ike_dh_group   = var.ike_ciphers == null ? null : [var.ike_ciphers.dh_group]
}

resource "aws_customer_gateway" "this" {
  for_each = var.peer_addresses

  bgp_asn    = tostring(var.peer_asn)
  ip_address = each.value
  type       = "ipsec.1"
  tags       = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

resource "aws_vpn_connection" "this" {
  for_each = var.peer_addresses

  vpn_gateway_id        = var.vpn_gateway_id
  transit_gateway_id    = var.transit_gateway_id
  customer_gateway_id   = aws_customer_gateway.this[each.key].id
  type                  = "ipsec.1"
  static_routes_only    = false
  tunnel1_inside_cidr   = var.tunnel_inside_cidrs[each.key][0]
  tunnel2_inside_cidr   = var.tunnel_inside_cidrs[each.key][1]
  tunnel1_preshared_key = var.preshared_keys["${each.key}-1"]
  tunnel2_preshared_key = var.preshared_keys["${each.key}-2"]
  tunnel1_ike_versions  = ["ikev2"]
  tunnel2_ike_versions  = ["ikev2"]

  tunnel1_phase1_encryption_algorithms = local.ike_encryption
  tunnel1_phase1_integrity_algorithms  = local.ike_integrity
  tunnel1_phase1_dh_group_numbers      = local.ike_dh_group
  tunnel1_phase2_encryption_algorithms = local.ike_encryption
  tunnel1_phase2_integrity_algorithms  = local.ike_integrity
  tunnel1_phase2_dh_group_numbers      = local.ike_dh_group
  tunnel2_phase1_encryption_algorithms = local.ike_encryption
  tunnel2_phase1_integrity_algorithms  = local.ike_integrity
  tunnel2_phase1_dh_group_numbers      = local.ike_dh_group
  tunnel2_phase2_encryption_algorithms = local.ike_encryption
  tunnel2_phase2_integrity_algorithms  = local.ike_integrity
  tunnel2_phase2_dh_group_numbers      = local.ike_dh_group

  tags = merge(var.tags, { Name = "${var.name}-${each.key}" })
}
