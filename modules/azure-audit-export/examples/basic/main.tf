# Azure OpenAI's Audit and RequestResponse logs exported to a storage account that a GCP project's Storage Transfer
# Service reads as an Entra ID application trusting that project's transfer agent (no key, no SAS).
# Run from this directory: terraform init && terraform plan (Azure login with rights to create app registrations).

terraform {
  required_version = ">= 1.9"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 5.0"
    }
    azuread = {
      source  = "hashicorp/azuread"
      version = "~> 3.0"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id     = "00000000-0000-0000-0000-000000000000"
  storage_use_azuread = true
}

provider "azuread" {
  tenant_id = "11111111-1111-1111-1111-111111111111"
}

module "audit_export" {
  source = "../.."

  name                = "stsupportprodaudit"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"
  categories          = ["Audit", "RequestResponse"]
  application_name    = "support-assistant-prod-audit-transfer"
  transfer_subject_id = "104158963345632159874"
}
