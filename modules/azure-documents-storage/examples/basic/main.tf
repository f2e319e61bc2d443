# A private, Entra-only documents container for a retrieval store, reached through a blob private endpoint in the
# VNet. Run from this directory: terraform init && terraform plan (Azure login).

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
  subscription_id     = "00000000-0000-0000-0000-000000000000"
  storage_use_azuread = true
}

module "documents" {
  source = "../.."

  name                = "supportprodhelpdocs"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"
  private_endpoint = {
    subnet_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/virtualNetworks/vnet-support-assistant-prod/subnets/private-endpoints"
    private_dns_zone_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net"
  }
}
