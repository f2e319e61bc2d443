# A response cache at the Azure boundary: Azure Managed Redis (Azure has no managed Valkey) reached only through a
# private endpoint in the VNet, TLS only, and Microsoft Entra ID as the only way in: access keys are off, so no
# connection string or key exists anywhere; each caller's managed identity gets a data access policy assignment.
# Eviction is least-recently-used across all keys: it is a cache, not a database.

resource "azurerm_managed_redis" "this" {
  name                      = var.name
  resource_group_name       = var.resource_group_name
  location                  = var.location
  sku_name                  = var.sku_name
  high_availability_enabled = var.high_availability
  public_network_access     = "Disabled"
  tags                      = var.tags

  default_database {
    access_keys_authentication_enabled = false
    client_protocol                    = "Encrypted"
    eviction_policy                    = "AllKeysLRU"
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
    private_connection_resource_id = azurerm_managed_redis.this.id
    subresource_names              = ["redisEnterprise"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "privatelink"
    private_dns_zone_ids = [var.private_endpoint.private_dns_zone_id]
  }
}

# Entra ID data access: the default access policy for each caller's principal (object id), nothing else.
resource "azurerm_managed_redis_access_policy_assignment" "this" {
  for_each = var.users

  managed_redis_id = azurerm_managed_redis.this.id
  object_id        = each.value
}
