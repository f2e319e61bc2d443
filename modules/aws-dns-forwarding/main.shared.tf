# The estate's other AWS accounts (VPCs attached to the same Transit Gateway) resolve the other clouds' private
# names too. The forwarding rules are shared with those accounts through AWS RAM (inside the AWS Organization only)
# and each account associates them with its own VPC (shared_rule_ids, in that account's stack): their queries leave
# through this VPC's outbound endpoint, whose targets the Transit Gateway routes over the link.

resource "aws_ram_resource_share" "rules" {
  count = length(local.forward) > 0 && length(var.share_with_account_ids) > 0 ? 1 : 0

  name                      = "${var.name}-dns-rules"
  allow_external_principals = false
  tags                      = var.tags
}

resource "aws_ram_resource_association" "rules" {
  for_each = length(var.share_with_account_ids) > 0 ? local.forward : {}

  resource_arn       = aws_route53_resolver_rule.this[each.key].arn
  resource_share_arn = aws_ram_resource_share.rules[0].arn
}

resource "aws_ram_principal_association" "rules" {
  for_each = length(local.forward) > 0 ? toset(var.share_with_account_ids) : toset([])

  principal          = each.value
  resource_share_arn = aws_ram_resource_share.rules[0].arn
}

# In another account's VPC: the rules the network account shared, associated with this VPC.
resource "aws_route53_resolver_rule_association" "shared" {
  for_each = var.shared_rule_ids

  resolver_rule_id = each.value
  vpc_id           = var.vpc_id
}
