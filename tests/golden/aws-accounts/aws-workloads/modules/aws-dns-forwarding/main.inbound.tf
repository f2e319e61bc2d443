# Inbound: the other clouds resolve this VPC's private names (the bedrock-runtime interface endpoint's private DNS,
# ...) by forwarding them over the link to a Route 53 Resolver inbound endpoint. AWS picks its addresses in the
# subnets, so they are an output the other stacks take as a hand-over. Its security group admits DNS only from the
# senders of forwarded queries: the Azure DNS Private Resolver's outbound endpoint subnet, 35.199.192.0/19 (Cloud DNS).

resource "aws_security_group" "inbound" {
  count = length(var.inbound_cidrs) > 0 ? 1 : 0

  name        = "${var.name}-dns-inbound"
  description = "Route 53 Resolver inbound endpoint: DNS from the resolvers of the other clouds only"
  vpc_id      = var.vpc_id
  tags        = var.tags

  ingress {
    description = "DNS over TCP from the other clouds"
    from_port   = 53
    to_port     = 53
    protocol    = "tcp"
    cidr_blocks = var.inbound_cidrs
  }

  ingress {
    description = "DNS over UDP from the other clouds"
    from_port   = 53
    to_port     = 53
    protocol    = "udp"
    cidr_blocks = var.inbound_cidrs
  }

  # no egress rule: security groups are stateful, so answers go back without one, and nothing else leaves
}

resource "aws_route53_resolver_endpoint" "inbound" {
  count = length(var.inbound_cidrs) > 0 ? 1 : 0

  name               = "${var.name}-inbound"
  direction          = "INBOUND"
  security_group_ids = [aws_security_group.inbound[0].id]
  tags               = var.tags

  dynamic "ip_address" {
    for_each = var.subnet_ids
    content {
      subnet_id = ip_address.value
    }
  }
}
