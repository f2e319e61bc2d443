# A private, Entra-only Azure AI Search service that embeds a documents container with an Azure OpenAI deployment
# over shared private links, queried by one workload identity. Run from this directory: terraform init && terraform
# plan (Azure login).

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

module "search" {
  source = "../.."

  name                = "support-assistant-prod-help"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"
  private_endpoint = {
    subnet_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/virtualNetworks/vnet-support-assistant-prod/subnets/private-endpoints"
    private_dns_zone_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/privateDnsZones/privatelink.search.windows.net"
  }
  openai_account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.CognitiveServices/accounts/support-assistant-prod-openai"
  documents = {
    account_id   = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Storage/storageAccounts/stsupportprodhelp"
    container_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Storage/storageAccounts/stsupportprodhelp/blobServices/default/containers/documents"
  }
  reader_principal_ids = { "inference-router" = "22222222-2222-2222-2222-222222222222" }
}
