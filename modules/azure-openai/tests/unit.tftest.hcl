mock_provider "azurerm" {}

variables {
  name                = "estate-prod-openai"
  resource_group_name = "rg-estate-prod"
  location            = "eastus2"
  deployments = {
    gpt4o = {
      name           = "gpt4o"
      model          = "gpt-4o"
      version        = "2024-11-20"
      sku            = "GlobalProvisionedManaged"
      capacity       = 205
      spillover      = "gpt4o-paygo"
      content_filter = "gpt4o-filter"
    }
    gpt4o-paygo = {
      name     = "gpt4o-paygo"
      model    = "gpt-4o"
      version  = "2024-11-20"
      sku      = "GlobalStandard"
      capacity = 300
    }
  }
  content_filters = {
    gpt4o-filter = {
      filters = [
        { name = "Hate", source = "Prompt", severity_threshold = "Low", block = true },
        { name = "Jailbreak", source = "Prompt", block = true },
      ]
    }
  }
  private_endpoint = {
    subnet_id            = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/private-endpoints"
    private_dns_zone_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.openai.azure.com"]
  }
  diagnostics = {
    log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log"
  }
}

run "private_entra_only_account" {
  command = plan

  variables {
    diagnostics = {
      log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log"
      audit_export = {
        storage_account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/staudit"
        categories         = ["Audit", "RequestResponse"]
      }
    }
  }

  assert {
    condition     = one(azurerm_monitor_diagnostic_setting.audit_export).storage_account_id != null && toset([for l in one(azurerm_monitor_diagnostic_setting.audit_export).enabled_log : l.category]) == toset(["Audit", "RequestResponse"]) && one(azurerm_monitor_diagnostic_setting.this).log_analytics_workspace_id != null
    error_message = "The audit export writes exactly its categories to the storage account; the workspace setting stays."
  }

  assert {
    condition     = !azurerm_cognitive_account.this.local_auth_enabled && !azurerm_cognitive_account.this.public_network_access_enabled
    error_message = "No keys, no public endpoint by default."
  }

  assert {
    condition     = azurerm_cognitive_account.this.custom_subdomain_name == "estate-prod-openai" && azurerm_cognitive_account.this.kind == "OpenAI"
    error_message = "The account is an OpenAI account with its custom subdomain (needed for Entra ID auth and private endpoints)."
  }

  assert {
    condition     = azurerm_cognitive_account.this.network_acls[0].default_action == "Deny"
    error_message = "A private account denies public traffic in its ACLs too."
  }

  assert {
    condition     = azurerm_cognitive_account.this.outbound_network_access_restricted && length(azurerm_cognitive_account.this.fqdns) == 0
    error_message = "The account cannot call out (data loss prevention); no FQDN is allowed by default."
  }

  assert {
    condition     = one(azurerm_private_endpoint.this[0].private_service_connection[0].subresource_names) == "account"
    error_message = "The private endpoint targets the account sub-resource."
  }

  assert {
    condition     = length(azurerm_monitor_diagnostic_setting.this) == 1 && length(azurerm_role_assignment.openai_user) == 0
    error_message = "Diagnostics on; no role grants unless asked."
  }
}

run "deployments_and_spillover" {
  command = plan

  assert {
    condition     = keys(azurerm_cognitive_deployment.this) == ["gpt4o-paygo"] && keys(azurerm_cognitive_deployment.provisioned) == ["gpt4o"]
    error_message = "The spillover target is a plain deployment; the provisioned one spills."
  }

  assert {
    condition     = azurerm_cognitive_deployment.provisioned["gpt4o"].spillover_deployment_name == "gpt4o-paygo"
    error_message = "Spillover names the pay-as-you-go deployment."
  }

  assert {
    condition     = azurerm_cognitive_deployment.provisioned["gpt4o"].sku[0].name == "GlobalProvisionedManaged" && azurerm_cognitive_deployment.provisioned["gpt4o"].sku[0].capacity == 205
    error_message = "Provisioned capacity is the PTU count."
  }

  assert {
    condition     = azurerm_cognitive_deployment.provisioned["gpt4o"].rai_policy_name == "gpt4o-filter" && azurerm_cognitive_deployment.this["gpt4o-paygo"].version_upgrade_option == "OnceCurrentVersionExpired"
    error_message = "The content filter is attached, and the pinned version is kept until it expires."
  }

  assert {
    condition     = length(azurerm_cognitive_account_rai_policy.this["gpt4o-filter"].content_filter) == 2 && azurerm_cognitive_account_rai_policy.this["gpt4o-filter"].base_policy_name == "Microsoft.DefaultV2"
    error_message = "The RAI policy carries every filter on top of DefaultV2."
  }
}

run "spillover_off_keeps_the_provisioned_address" {
  command = plan

  variables {
    deployments = {
      gpt4o = {
        name     = "gpt4o"
        model    = "gpt-4o"
        version  = "2024-11-20"
        sku      = "GlobalProvisionedManaged"
        capacity = 205
      }
    }
  }

  assert {
    condition     = keys(azurerm_cognitive_deployment.provisioned) == ["gpt4o"] && length(azurerm_cognitive_deployment.this) == 0
    error_message = "A provisioned deployment keeps its address whether or not it spills over."
  }
}

run "public_with_ip_rules_and_grants" {
  command = plan

  variables {
    public_network_access_enabled = true
    allowed_ip_ranges             = ["203.0.113.0/24"]
    openai_user_principal_ids     = { router = "22222222-2222-2222-2222-222222222222" }
    private_endpoint              = null
    diagnostics                   = null
  }

  assert {
    condition     = azurerm_cognitive_account.this.public_network_access_enabled && azurerm_cognitive_account.this.network_acls[0].default_action == "Deny"
    error_message = "Public access with IP rules still denies everything else."
  }

  assert {
    condition     = azurerm_role_assignment.openai_user["router"].role_definition_name == "Cognitive Services OpenAI User"
    error_message = "Workload identities get inference-only access."
  }

  assert {
    condition     = length(azurerm_private_endpoint.this) == 0 && length(azurerm_monitor_diagnostic_setting.this) == 0 && length(azurerm_monitor_diagnostic_setting.audit_export) == 0
    error_message = "Optional parts are off when null."
  }
}

run "spillover_to_provisioned_is_rejected" {
  command = plan

  variables {
    deployments = {
      a = { name = "a", model = "gpt-4o", version = "2024-11-20", sku = "GlobalProvisionedManaged", capacity = 15, spillover = "b" }
      b = { name = "b", model = "gpt-4o", version = "2024-11-20", sku = "GlobalProvisionedManaged", capacity = 15 }
    }
    content_filters = {}
  }

  expect_failures = [var.deployments]
}

run "unknown_sku_is_rejected" {
  command = plan

  variables {
    deployments     = { a = { name = "a", model = "gpt-4o", version = "2024-11-20", sku = "Provisioned", capacity = 50 } }
    content_filters = {}
  }

  expect_failures = [var.deployments]
}

run "missing_content_filter_is_rejected" {
  command = plan

  variables {
    deployments     = { a = { name = "a", model = "gpt-4o", version = "2024-11-20", sku = "Standard", capacity = 10, content_filter = "nope" } }
    content_filters = {}
  }

  expect_failures = [var.deployments]
}

run "uppercase_name_is_rejected" {
  command = plan

  variables {
    name = "Estate-OpenAI"
  }

  expect_failures = [var.name]
}
