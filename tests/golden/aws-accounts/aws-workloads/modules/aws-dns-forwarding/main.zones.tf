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
  #checkov:skip=CKV2_AWS_23:Points at a private endpoint in another cloud (over the link), not at an AWS resource
  for_each = local.private_zones

  zone_id = aws_route53_zone.this[each.key].zone_id
  name    = each.key
  type    = "A"
  ttl     = 300
  records = [each.value]
}

resource "aws_route53_record" "wildcard" {
  #checkov:skip=CKV2_AWS_23:Points at a private endpoint in another cloud (over the link), not at an AWS resource
  for_each = local.private_zones

  zone_id = aws_route53_zone.this[each.key].zone_id
  name    = "*.${each.key}"
  type    = "A"
  ttl     = 300
  records = [each.value]
}
