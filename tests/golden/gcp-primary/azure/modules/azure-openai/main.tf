# One Azure OpenAI account and its model deployments, reachable with Entra ID tokens only (local auth off: no keys
# exist to leak) and, unless opened explicitly, only through a private endpoint. Deployments may spill traffic above
# their PTUs into a pay-as-you-go deployment on the same account; content filters, diagnostics and "Cognitive
# Services OpenAI User" grants for workload identities come along.

locals {
  public_rules              = var.public_network_access_enabled && length(var.allowed_ip_ranges) > 0
  provisioned_skus          = ["ProvisionedManaged", "GlobalProvisionedManaged", "DataZoneProvisionedManaged"]
  provisioned_deployments   = { for k, d in var.deployments : k => d if contains(local.provisioned_skus, d.sku) }
  pay_as_you_go_deployments = { for k, d in var.deployments : k => d if !contains(local.provisioned_skus, d.sku) }
  content_filter_of = { for k, d in var.deployments : k => (
    d.content_filter == null ? null : azurerm_cognitive_account_rai_policy.this[d.content_filter].name
  ) }
  openai_user_role_name = "Cognitive Services OpenAI User"
}

resource "azurerm_cognitive_account" "this" {
  #checkov:skip=CKV_AZURE_247:Outbound access is always restricted; an empty FQDN allow-list (the default) is stricter than this check's non-empty one
  #checkov:skip=CKV2_AZURE_22:Microsoft-managed keys; a customer-managed key needs a Key Vault key mcai does not manage
  #checkov:skip=CKV_AZURE_134:Public access is off unless the spec opens it for a use that states its reason (workloads.<w>.public_access); Entra ID tokens only, optional IP allow-list
  name                          = var.name
  resource_group_name           = var.resource_group_name
  location                      = var.location
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = var.name
  local_auth_enabled            = false
  public_network_access_enabled = var.public_network_access_enabled
  tags                          = var.tags

  # Data loss prevention: the account may call out only to the listed FQDNs (none by default).
  outbound_network_access_restricted = true
  fqdns                              = var.allowed_outbound_fqdns

  # An identity of its own for calls the account makes (e.g. to a search service for "on your data"); no keys.
  identity {
    type = "SystemAssigned"
  }

  network_acls {
    default_action = var.public_network_access_enabled && !local.public_rules ? "Allow" : "Deny"
    bypass         = "None"
    ip_rules       = local.public_rules ? var.allowed_ip_ranges : []
  }

  # The account holds the deployments and their provisioned throughput reservations: destroying it is an outage.
  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_cognitive_account_rai_policy" "this" {
  for_each = var.content_filters

  name                 = each.key
  cognitive_account_id = azurerm_cognitive_account.this.id
  base_policy_name     = "Microsoft.DefaultV2"
  mode                 = each.value.mode
  tags                 = var.tags

  dynamic "content_filter" {
    for_each = each.value.filters

    content {
      name               = content_filter.value.name
      source             = content_filter.value.source
      severity_threshold = content_filter.value.severity_threshold
      filter_enabled     = true
      block_enabled      = content_filter.value.block
    }
  }
}
