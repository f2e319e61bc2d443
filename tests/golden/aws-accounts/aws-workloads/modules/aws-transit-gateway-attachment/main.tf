# A VPC's attachment to the shared Transit Gateway of the network account, and the routes that send the other
# accounts' ranges to it. The hub accepts the attachment automatically (it is shared with this account only through
# AWS RAM), associates it with its default route table and propagates this VPC's range there, so the return path
# needs nothing in this account. Route keys are "<route table>|<range>", known at plan time.

resource "aws_ec2_transit_gateway_vpc_attachment" "this" {
  transit_gateway_id = var.transit_gateway_id
  vpc_id             = var.vpc_id
  subnet_ids         = var.subnet_ids
  dns_support        = "enable"
  tags               = merge(var.tags, { Name = var.name })
}

resource "aws_route" "this" {
  for_each = { for pair in setproduct(var.route_table_ids, var.destination_cidrs) : "${pair[0]}|${pair[1]}" => pair }

  route_table_id         = each.value[0]
  destination_cidr_block = each.value[1]
  transit_gateway_id     = var.transit_gateway_id

  depends_on = [aws_ec2_transit_gateway_vpc_attachment.this]
}
