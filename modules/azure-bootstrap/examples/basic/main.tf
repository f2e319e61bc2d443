# The bootstrap of an Azure control plane: the state storage account and a plan identity for GitHub Actions on
# main. Apply it with local state first, then move its state into the account (see the generated README's steps).

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
  subscription_id = "00000000-0000-0000-0000-000000000000"
  features {}
}

module "bootstrap" {
  source = "../.."

  resource_group_name  = "rg-acme-ai-prod-tfstate"
  location             = "eastus2"
  subscription_id      = "00000000-0000-0000-0000-000000000000"
  storage_account_name = "stacmeaiprodtfstate"
  ci_identities = {
    plan = {
      name    = "id-acme-ai-prod-ci-plan"
      access  = "plan"
      issuer  = "https://token.actions.githubusercontent.com"
      subject = "repo:acme/ai-platform:ref:refs/heads/main"
      roles   = ["Reader"]
    }
  }
}

output "ci_client_ids" {
  description = "Client id per pipeline, for ARM_CLIENT_ID."
  value       = module.bootstrap.ci_client_ids
}
