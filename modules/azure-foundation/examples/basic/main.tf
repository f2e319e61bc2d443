# The Azure foundation of an estate: resource group, VNet, private-endpoint subnet, privatelink zones, Log Analytics.
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

module "foundation" {
  source = "../.."

  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"

  virtual_network = {
    name                    = "vnet-support-assistant-prod"
    address_space           = ["10.20.0.0/16"]
    private_endpoint_subnet = "10.20.0.0/26"
  }

  private_dns_zones = ["privatelink.openai.azure.com", "privatelink.cognitiveservices.azure.com"]

  log_analytics = {
    name           = "log-support-assistant-prod"
    retention_days = 90
  }

  tags = { workload = "support-assistant" }
}

output "virtual_network_id" {
  description = "Resource id of the VNet, for the link network and private endpoints."
  value       = module.foundation.virtual_network_id
}

output "private_dns_zone_ids" {
  description = "Private DNS zone id per privatelink zone name, for the private endpoints' DNS registration."
  value       = module.foundation.private_dns_zone_ids
}
