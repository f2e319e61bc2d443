# Microsoft Sentinel on the workspace, and its Amazon Web Services S3 connectors: each pulls one AWS account's
# CloudTrail files into the AWSCloudTrail table, keylessly (Sentinel assumes the account's OIDC_ role with a token
# from Microsoft's tenant, for this workspace's session name only; the aws stack builds that side). Onboarding makes
# every GB ingested into the workspace billable as Sentinel analysis too, not only the landed logs. A connector is
# created only once its role exists (role_arn given): the role needs this workspace's id first.

resource "azurerm_sentinel_log_analytics_workspace_onboarding" "this" {
  count = var.sentinel == null ? 0 : 1

  workspace_id = azurerm_log_analytics_workspace.this.id
}

resource "azurerm_sentinel_data_connector_aws_s3" "this" {
  for_each = var.sentinel == null ? {} : { for name, c in var.sentinel.aws_s3 : name => c if c.role_arn != null }

  name                       = each.key
  log_analytics_workspace_id = azurerm_sentinel_log_analytics_workspace_onboarding.this[0].workspace_id
  aws_role_arn               = each.value.role_arn
  destination_table          = "AWSCloudTrail"
  sqs_urls                   = [each.value.sqs_url]
}
