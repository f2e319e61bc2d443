# Makes Private Link resolve from AWS. A private endpoint in another cloud only helps if its name resolves to the
# private address: `<account>.openai.azure.com` is a CNAME into `privatelink.openai.azure.com`, which only Azure's
# private DNS zone answers. A Route 53 Resolver outbound endpoint forwards those names over the private link to the
# Azure DNS Private Resolver's inbound endpoint (a fixed address from the address plan).
#
# Google API names are answered by a Route 53 private hosted zone instead of a forwarding rule: the Private Service
# Connect endpoint's address is fixed in the spec, whereas Cloud DNS inbound forwarder addresses are chosen by
# Google at apply time, so a zone is deterministic and needs no second apply.
#
# Both take over names every caller in the VPC uses (all of googleapis.com, openai.azure.com), so each has a switch:
# until the link to the other cloud carries traffic, forwarding them would break those calls for the whole VPC. The
# root stack turns a switch on in the hand-over step after which the target answers.

resource "aws_security_group" "this" {
  name        = "${var.name}-dns-outbound"
  description = "Route 53 Resolver outbound endpoint: DNS to the resolvers of the other clouds only"
  vpc_id      = var.vpc_id
  tags        = var.tags

  egress {
    description = "DNS over TCP to the forwarding targets"
    from_port   = 53
    to_port     = 53
    protocol    = "tcp"
    cidr_blocks = local.target_cidrs
  }

  egress {
    description = "DNS over UDP to the forwarding targets"
    from_port   = 53
    to_port     = 53
    protocol    = "udp"
    cidr_blocks = local.target_cidrs
  }
}

locals {
  forward       = var.forward_enabled ? var.forward : {}
  private_zones = var.private_zones_enabled ? var.private_zones : {}
  target_cidrs  = length(var.forward) > 0 ? sort(distinct([for ip in flatten(values(var.forward)) : "${ip}/32"])) : ["127.0.0.1/32"]
}

resource "aws_route53_resolver_endpoint" "this" {
  count = length(local.forward) > 0 ? 1 : 0

  name               = "${var.name}-outbound"
  direction          = "OUTBOUND"
  security_group_ids = [aws_security_group.this.id]
  tags               = var.tags

  dynamic "ip_address" {
    for_each = var.subnet_ids
    content {
      subnet_id = ip_address.value
    }
  }
}

resource "aws_route53_resolver_rule" "this" {
  for_each = local.forward

  name                 = "${var.name}-${replace(each.key, ".", "-")}"
  domain_name          = each.key
  rule_type            = "FORWARD"
  resolver_endpoint_id = aws_route53_resolver_endpoint.this[0].id
  tags                 = var.tags

  dynamic "target_ip" {
    for_each = each.value
    content {
      ip   = target_ip.value
      port = 53
    }
  }
}

resource "aws_route53_resolver_rule_association" "this" {
  for_each = local.forward

  resolver_rule_id = aws_route53_resolver_rule.this[each.key].id
  vpc_id           = var.vpc_id
}
