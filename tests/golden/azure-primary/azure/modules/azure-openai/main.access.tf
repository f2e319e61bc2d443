# How the account is reached and watched: a private endpoint in the VNet (records in the privatelink zones),
# diagnostic logs and metrics to Log Analytics, and inference-only role grants for workload identities.

resource "azurerm_private_endpoint" "this" {
  count = var.private_endpoint == null ? 0 : 1

  name                          = "pe-${var.name}"
  resource_group_name           = var.resource_group_name
  location                      = var.location
  subnet_id                     = var.private_endpoint.subnet_id
  custom_network_interface_name = "nic-pe-${var.name}"
  tags                          = var.tags

  private_service_connection {
    name                           = var.name
    private_connection_resource_id = azurerm_cognitive_account.this.id
    subresource_names              = ["account"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "privatelink"
    private_dns_zone_ids = var.private_endpoint.private_dns_zone_ids
  }
}

# azurerm 5.x: metrics are `enabled_metric` blocks (the `metric` block is gone).
resource "azurerm_monitor_diagnostic_setting" "this" {
  count = var.diagnostics == null ? 0 : 1

  name                       = "to-log-analytics"
  target_resource_id         = azurerm_cognitive_account.this.id
  log_analytics_workspace_id = var.diagnostics.log_analytics_workspace_id

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

# The audit landing's export: the same resource's audit categories, also written to a storage account that the
# control plane's transfer reads (a second setting, so the workspace keeps every log and metric as before).
resource "azurerm_monitor_diagnostic_setting" "audit_export" {
  count = try(var.diagnostics.audit_export, null) == null ? 0 : 1

  name               = "to-audit-export"
  target_resource_id = azurerm_cognitive_account.this.id
  storage_account_id = var.diagnostics.audit_export.storage_account_id

  dynamic "enabled_log" {
    for_each = toset(var.diagnostics.audit_export.categories)
    content {
      category = enabled_log.value
    }
  }
}

resource "azurerm_role_assignment" "openai_user" {
  for_each = var.openai_user_principal_ids

  scope                = azurerm_cognitive_account.this.id
  role_definition_name = local.openai_user_role_name
  principal_id         = each.value
}
