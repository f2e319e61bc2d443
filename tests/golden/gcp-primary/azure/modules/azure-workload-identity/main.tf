# The Azure identity of a workload that runs outside Azure: one user-assigned managed identity, trusted through
# federated identity credentials for exactly the tokens the workload presents (issuer + subject, audience
# api://AzureADTokenExchange), with role assignments scoped to single resources. There is no client secret and no
# certificate: the workload exchanges its own short-lived token for an Entra ID token.
#
# Entra ID returns 409 when two credentials are written to one identity at the same time. azurerm serialises writes
# on one identity within an apply, and the credentials after the first explicitly depend on it, so the identity's
# first credential always lands alone. A new credential may take a minute to be accepted (AADSTS70021): callers retry.

locals {
  # The only audience Entra ID federated credentials should carry; one per credential (the provider allows one).
  audience   = "api://AzureADTokenExchange"
  primary    = var.federated_credentials[0]
  additional = { for c in slice(var.federated_credentials, 1, length(var.federated_credentials)) : c.name => c }
}

resource "azurerm_user_assigned_identity" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  tags                = var.tags
}

resource "azurerm_federated_identity_credential" "primary" {
  name                      = local.primary.name
  user_assigned_identity_id = azurerm_user_assigned_identity.this.id
  issuer                    = local.primary.issuer
  subject                   = local.primary.subject
  audience                  = [local.audience]
}

resource "azurerm_federated_identity_credential" "additional" {
  for_each = local.additional

  name                      = each.key
  user_assigned_identity_id = azurerm_user_assigned_identity.this.id
  issuer                    = each.value.issuer
  subject                   = each.value.subject
  audience                  = [local.audience]

  depends_on = [azurerm_federated_identity_credential.primary]
}

resource "azurerm_role_assignment" "this" {
  for_each = var.role_assignments

  scope                = each.value.scope
  role_definition_name = each.value.role_definition_name
  principal_id         = azurerm_user_assigned_identity.this.principal_id
  principal_type       = "ServicePrincipal"
  description          = "${each.key}: granted to ${var.name} by mcai (workload identity federation)"
}
