# The Azure foundation of an estate: one resource group, a VNet whose private-endpoint subnet hosts every private
# endpoint, the privatelink DNS zones linked to that VNet (so names resolve to private addresses inside it), and the
# Log Analytics workspace that diagnostic settings send to. Other Azure modules take these ids as inputs.

resource "azurerm_resource_group" "this" {
  name     = var.resource_group_name
  location = var.location
  tags     = var.tags
}

# Entra ID only: the workspace's shared keys cannot be used for ingestion or queries.
resource "azurerm_log_analytics_workspace" "this" {
  name                         = var.log_analytics.name
  resource_group_name          = azurerm_resource_group.this.name
  location                     = azurerm_resource_group.this.location
  sku                          = "PerGB2018"
  retention_in_days            = var.log_analytics.retention_days
  local_authentication_enabled = false
  tags                         = var.tags

  # The workspace holds the diagnostic and audit logs (and, with Sentinel, the other clouds' landed audit copies):
  # a renamed estate or a moved resource group must fail the plan, not delete them.
  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_virtual_network" "this" {
  name                = var.virtual_network.name
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
  address_space       = var.virtual_network.address_space
  tags                = var.tags
}

# No default outbound internet access: private endpoints need none.
resource "azurerm_subnet" "private_endpoints" {
  #checkov:skip=CKV2_AZURE_31:Private endpoints only; NSGs do not filter them (network policies off), each service's own network ACLs do
  name                            = "private-endpoints"
  resource_group_name             = azurerm_resource_group.this.name
  virtual_network_name            = azurerm_virtual_network.this.name
  address_prefixes                = [var.virtual_network.private_endpoint_subnet]
  default_outbound_access_enabled = false
}

resource "azurerm_private_dns_zone" "this" {
  for_each = toset(var.private_dns_zones)

  name                = each.key
  resource_group_name = azurerm_resource_group.this.name
  tags                = var.tags
}

# azurerm 5.x: links name their zone by id (`private_dns_zone_id`), not by zone name and resource group.
resource "azurerm_private_dns_zone_virtual_network_link" "this" {
  for_each = azurerm_private_dns_zone.this

  name                 = azurerm_virtual_network.this.name
  private_dns_zone_id  = each.value.id
  virtual_network_id   = azurerm_virtual_network.this.id
  registration_enabled = false
  # Names this zone has no record for (another team's private endpoint, or a public account) fall back to public
  # resolution instead of NXDOMAIN: callers that forward all of openai.azure.com here keep reaching other accounts.
  resolution_policy = "NxDomainRedirect"
  tags              = var.tags
}
