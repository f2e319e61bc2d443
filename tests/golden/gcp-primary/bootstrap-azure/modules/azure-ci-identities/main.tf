# CI identities in an Azure subscription that does not hold the estate's Terraform state (another cloud is the
# control plane, or this is another subscription of the control plane's cloud): one user-assigned managed identity
# per CI pipeline in its own resource group, trusted through a federated credential for exactly one token subject
# (one repository and one branch or environment; audience api://AzureADTokenExchange). No client secret or
# certificate exists anywhere. Its rights in the subscription are the roles it is given, nothing else; its state
# access is granted by the control plane's bootstrap.

locals {
  audience = "api://AzureADTokenExchange"
  roles = merge([for key, ci in var.ci_identities : {
    for role in ci.roles : "${key} ${role}" => { identity = key, role = role }
  }]...)
}

resource "azurerm_resource_group" "ci" {
  name     = var.resource_group_name
  location = var.location
  tags     = var.tags
}

resource "azurerm_user_assigned_identity" "ci" {
  for_each = var.ci_identities

  name                = each.value.name
  resource_group_name = azurerm_resource_group.ci.name
  location            = azurerm_resource_group.ci.location
  tags                = var.tags
}

resource "azurerm_federated_identity_credential" "ci" {
  for_each = var.ci_identities

  name                      = each.key
  user_assigned_identity_id = azurerm_user_assigned_identity.ci[each.key].id
  issuer                    = each.value.issuer
  subject                   = each.value.subject
  audience                  = [local.audience]
}

resource "azurerm_role_assignment" "ci" {
  for_each = local.roles

  scope                = "/subscriptions/${var.subscription_id}"
  role_definition_name = each.value.role
  principal_id         = azurerm_user_assigned_identity.ci[each.value.identity].principal_id
  principal_type       = "ServicePrincipal"
  description          = "CI ${each.value.identity}: ${each.value.role} (managed by mcai)"
}
