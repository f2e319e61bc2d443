# Deployments on one account must not be written concurrently (Azure answers 409). azurerm takes a lock on the parent
# account id for every deployment create, update and delete, so the instances below are applied one at a time without
# a depends_on chain (which for_each instances cannot express anyway).
#
# Addresses follow the deployment type, never the spillover switch: pay-as-you-go deployments (the only possible
# spillover targets) are `this`, provisioned ones (which may spill into them) are `provisioned`, and the reference
# from one to the other orders their creation. Changing the type replaces a deployment anyway (sku.name forces it);
# turning spillover on or off only updates it in place.

resource "azurerm_cognitive_deployment" "this" {
  for_each = local.pay_as_you_go_deployments

  name                   = each.value.name
  cognitive_account_id   = azurerm_cognitive_account.this.id
  rai_policy_name        = local.content_filter_of[each.key]
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

resource "azurerm_cognitive_deployment" "provisioned" {
  for_each = local.provisioned_deployments

  name                      = each.value.name
  cognitive_account_id      = azurerm_cognitive_account.this.id
  rai_policy_name           = local.content_filter_of[each.key]
  version_upgrade_option    = each.value.version_upgrade_option
  spillover_deployment_name = each.value.spillover == null ? null : azurerm_cognitive_deployment.this[each.value.spillover].name

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

# Earlier versions of this module kept spilling deployments here; the rest of the provisioned ones at `this[...]`
# are moved by the calling stack, which knows their keys.
moved {
  from = azurerm_cognitive_deployment.with_spillover
  to   = azurerm_cognitive_deployment.provisioned
}
