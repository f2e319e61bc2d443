# Deployments on one account must not be written concurrently (Azure answers 409). azurerm takes a lock on the parent
# account id for every deployment create, update and delete, so the instances below are applied one at a time without
# a depends_on chain (which for_each instances cannot express anyway). The only ordering that matters, a spillover
# target before the deployment that names it, comes from the reference in `with_spillover`.

resource "azurerm_cognitive_deployment" "this" {
  for_each = local.plain_deployments

  name                   = each.value.name
  cognitive_account_id   = azurerm_cognitive_account.this.id
  rai_policy_name        = each.value.content_filter == null ? null : azurerm_cognitive_account_rai_policy.this[each.value.content_filter].name
  version_upgrade_option = each.value.version_upgrade_option

  model {
    format  = "OpenAI"
    name    = each.value.model
    version = each.value.version
  }

  # sku.name forces replacement: changing the deployment type recreates the deployment.
  sku {
    name     = each.value.sku
    capacity = each.value.capacity
  }
}

# Provisioned deployments whose traffic above the PTUs spills into a pay-as-you-go deployment of the same model.
resource "azurerm_cognitive_deployment" "with_spillover" {
  for_each = local.spilling_deployments

  name                      = each.value.name
  cognitive_account_id      = azurerm_cognitive_account.this.id
  rai_policy_name           = each.value.content_filter == null ? null : azurerm_cognitive_account_rai_policy.this[each.value.content_filter].name
  version_upgrade_option    = each.value.version_upgrade_option
  spillover_deployment_name = azurerm_cognitive_deployment.this[each.value.spillover].name

  model {
    format  = "OpenAI"
    name    = each.value.model
    version = each.value.version
  }

  sku {
    name     = each.value.sku
    capacity = each.value.capacity
  }
}
