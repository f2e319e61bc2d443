# A retrieval store on Azure AI Search with integrated vectorization: a search service that accepts Microsoft Entra
# ID tokens only (API keys off), has public network access off and is reached through a private endpoint in the VNet
# (privatelink.search.windows.net). Its system-assigned identity reads the documents container and calls the Azure
# OpenAI embedding deployment, both over shared private links (private endpoints the service owns, approved on the
# target's side), and holds exactly "Storage Blob Data Reader" on that container and "Cognitive Services OpenAI
# User" on that account. Readers get "Search Index Data Reader" on this service only. The index, data source,
# skillset and indexer are data-plane objects azurerm cannot create: the stack ships their definitions.

locals {
  shared_link_message = "Azure AI Search ${var.name}: integrated vectorization (managed by mcai)"
}

resource "azurerm_search_service" "this" {
  #checkov:skip=CKV_AZURE_208:Replica count comes from the spec (replicas); one replica has no read SLA, and the estimate counts each search unit
  #checkov:skip=CKV_AZURE_209:Replica count comes from the spec (replicas); the read/write SLA needs 3 replicas
  name                          = var.name
  resource_group_name           = var.resource_group_name
  location                      = var.location
  sku                           = var.sku
  replica_count                 = var.replica_count
  partition_count               = var.partition_count
  local_authentication_enabled  = false
  public_network_access_enabled = false
  network_rule_bypass_option    = "None"
  tags                          = var.tags

  # The identity the indexer, the embedding skill and the query vectorizer act as: no keys anywhere.
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_private_endpoint" "this" {
  name                          = "pe-${var.name}"
  resource_group_name           = var.resource_group_name
  location                      = var.location
  subnet_id                     = var.private_endpoint.subnet_id
  custom_network_interface_name = "nic-pe-${var.name}"
  tags                          = var.tags

  private_service_connection {
    name                           = var.name
    private_connection_resource_id = azurerm_search_service.this.id
    subresource_names              = ["searchService"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "privatelink"
    private_dns_zone_ids = [var.private_endpoint.private_dns_zone_id]
  }
}

# Outbound, private: the embedding skill (ingestion) and the vectorizer (queries) call the Azure OpenAI account
# through this link. It lands "Pending" on the account: its owner approves it (the stack's numbered step).
# Link names are scoped to the service and limited to 60 characters: fixed names, never derived from var.name.
resource "azurerm_search_shared_private_link_service" "openai" {
  name               = "openai-account"
  search_service_id  = azurerm_search_service.this.id
  subresource_name   = "openai_account"
  target_resource_id = var.openai_account_id
  request_message    = local.shared_link_message

  # The service takes one private-link operation at a time; a concurrent one fails with a conflict.
  depends_on = [azurerm_private_endpoint.this]
}

# The indexer reads the documents container through this link (the storage account has public access off).
resource "azurerm_search_shared_private_link_service" "blob" {
  name               = "documents-blob"
  search_service_id  = azurerm_search_service.this.id
  subresource_name   = "blob"
  target_resource_id = var.documents.account_id
  request_message    = local.shared_link_message

  depends_on = [azurerm_search_shared_private_link_service.openai]
}

resource "azurerm_role_assignment" "openai_user" {
  scope                = var.openai_account_id
  role_definition_name = "Cognitive Services OpenAI User"
  principal_id         = azurerm_search_service.this.identity[0].principal_id
  principal_type       = "ServicePrincipal"
  description          = "Search service ${var.name}: embeddings for indexing and queries (managed by mcai)"
}

resource "azurerm_role_assignment" "documents_reader" {
  scope                = var.documents.container_id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_search_service.this.identity[0].principal_id
  principal_type       = "ServicePrincipal"
  description          = "Search service ${var.name}: reads the documents container only (managed by mcai)"
}

resource "azurerm_role_assignment" "readers" {
  for_each = var.reader_principal_ids

  scope                = azurerm_search_service.this.id
  role_definition_name = "Search Index Data Reader"
  principal_id         = each.value
  principal_type       = "ServicePrincipal"
  description          = "${each.key}: queries the indexes of ${var.name} only (managed by mcai)"
}

resource "azurerm_monitor_diagnostic_setting" "this" {
  count = var.diagnostics == null ? 0 : 1

  name                       = "to-log-analytics"
  target_resource_id         = azurerm_search_service.this.id
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
  target_resource_id = azurerm_search_service.this.id
  storage_account_id = var.diagnostics.audit_export.storage_account_id

  dynamic "enabled_log" {
    for_each = toset(var.diagnostics.audit_export.categories)
    content {
      category = enabled_log.value
    }
  }
}
