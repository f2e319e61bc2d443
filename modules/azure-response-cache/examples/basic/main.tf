# An Azure Managed Redis response cache reached through a private endpoint, Entra ID only (access keys off), with one
# workload's managed identity allowed in. Run from this directory: terraform init && terraform plan (Azure login).

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

module "response_cache" {
  source = "../.."

  name                = "support-assistant-prod-cache"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"
  sku_name            = "Balanced_B1"
  private_endpoint = {
    subnet_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/virtualNetworks/vnet-support-assistant-prod/subnets/private-endpoints"
    private_dns_zone_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net"
  }
  users = { router = "33333333-3333-3333-3333-333333333333" }
  tags  = { owner = "platform-team" }
}

output "hostname" {
  description = "Hostname of the cache."
  value       = module.response_cache.hostname
}
