# A private, Entra ID-only Azure OpenAI account: PTUs spilling over to pay-as-you-go, a content filter, diagnostics.
# Run from this directory: terraform init && terraform plan (signed in with az login to the subscription).

terraform {
  required_version = ">= 1.9"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 5.0"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id = "00000000-0000-0000-0000-000000000000"
}

module "openai" {
  source = "../.."

  name                = "support-assistant-prod-openai"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"

  deployments = {
    gpt4o = {
      name           = "gpt4o"
      model          = "gpt-4o"
      version        = "2024-11-20"
      sku            = "GlobalProvisionedManaged"
      capacity       = 15
      spillover      = "gpt4o-paygo"
      content_filter = "support-assistant-filter"
    }
    gpt4o-paygo = {
      name           = "gpt4o-paygo"
      model          = "gpt-4o"
      version        = "2024-11-20"
      sku            = "GlobalStandard"
      capacity       = 300
      content_filter = "support-assistant-filter"
    }
  }

  content_filters = {
    support-assistant-filter = {
      filters = [
        { name = "Hate", source = "Prompt", severity_threshold = "Medium", block = true },
        { name = "Violence", source = "Completion", severity_threshold = "Medium", block = true },
        { name = "Jailbreak", source = "Prompt", block = true },
      ]
    }
  }

  private_endpoint = {
    subnet_id            = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/virtualNetworks/vnet-support-assistant-prod/subnets/private-endpoints"
    private_dns_zone_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/privateDnsZones/privatelink.openai.azure.com"]
  }

  diagnostics = {
    log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.OperationalInsights/workspaces/log-support-assistant-prod"
  }

  openai_user_principal_ids = { router = "22222222-2222-2222-2222-222222222222" }

  tags = { workload = "support-assistant" }
}

output "endpoint" {
  description = "Endpoint of the account; resolves to the private endpoint inside the VNet."
  value       = module.openai.endpoint
}

output "deployment_names" {
  description = "Deployment name per deployment key, for the router's model routing."
  value       = module.openai.deployment_names
}
