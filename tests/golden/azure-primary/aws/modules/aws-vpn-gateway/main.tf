# The VPC's virtual private gateway: the one AWS end of every private link. A Direct Connect gateway associates
# with it and site-to-site VPN connections terminate on it, so the private link and its VPN fallback reach the same
# VPC, and BGP prefers the Direct Connect path (AWS prefers Direct Connect over VPN routes for the same prefix).
# Routes learned over BGP are propagated into the VPC's route tables listed here.

resource "aws_vpn_gateway" "this" {
  vpc_id          = var.vpc_id
  amazon_side_asn = var.amazon_side_asn
  tags            = merge(var.tags, { Name = var.name })
}

resource "aws_vpn_gateway_route_propagation" "this" {
  for_each = toset(var.route_table_ids)

  vpn_gateway_id = aws_vpn_gateway.this.id
  route_table_id = each.value
}
