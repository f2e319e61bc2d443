# The estate's shared network hub in the network account. Workload accounts attach their VPCs to it; the share goes
# through AWS RAM to the listed accounts only and never outside the AWS Organization (allow_external_principals =
# false), so a typo in an account id cannot hand the hub to a stranger. Attachments from those accounts are accepted
# automatically: the accounts are named in the spec and the share admits no one else. Every attachment associates
# with and propagates into the default route table, so attached VPCs reach each other and the cross-cloud link.

resource "aws_ec2_transit_gateway" "this" {
  #checkov:skip=CKV_AWS_331:Shared through RAM with the spec's named accounts only, inside the Organization; accepting by hand would need each attachment id handed back to this stack
  description                     = "Shared hub of ${var.name}"
  amazon_side_asn                 = var.amazon_side_asn
  auto_accept_shared_attachments  = "enable"
  default_route_table_association = "enable"
  default_route_table_propagation = "enable"
  dns_support                     = "enable"
  vpn_ecmp_support                = "enable"
  tags                            = merge(var.tags, { Name = var.name })
}

resource "aws_ram_resource_share" "this" {
  name                      = var.name
  allow_external_principals = false
  tags                      = var.tags
}

resource "aws_ram_resource_association" "this" {
  resource_arn       = aws_ec2_transit_gateway.this.arn
  resource_share_arn = aws_ram_resource_share.this.arn
}

resource "aws_ram_principal_association" "this" {
  for_each = toset(var.share_with_account_ids)

  principal          = each.value
  resource_share_arn = aws_ram_resource_share.this.arn
}
