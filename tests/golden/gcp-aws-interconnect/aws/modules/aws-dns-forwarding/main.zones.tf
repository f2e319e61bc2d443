# Private hosted zones that answer names of another cloud directly (Google APIs through Private Service Connect).

resource "aws_route53_zone" "this" {
  for_each = local.private_zones

  name    = each.key
  comment = "Resolves ${each.key} to ${each.value} over the private link (managed by mcai)"
  tags    = var.tags

  vpc {
    vpc_id = var.vpc_id
  }
}

resource "aws_route53_record" "apex" {
  for_each = local.private_zones

  zone_id = aws_route53_zone.this[each.key].zone_id
  name    = each.key
  type    = "A"
  ttl     = 300
  records = [each.value]
}

resource "aws_route53_record" "wildcard" {
  for_each = local.private_zones

  zone_id = aws_route53_zone.this[each.key].zone_id
  name    = "*.${each.key}"
  type    = "A"
  ttl     = 300
  records = [each.value]
}
