# A plan identity for pull requests in a subscription whose Terraform state lives elsewhere.
# Run from this directory: terraform init && terraform plan (with Azure credentials).

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

module "ci" {
  source = "../.."

  resource_group_name = "rg-acme-ai-prod-ci"
  location            = "eastus2"
  subscription_id     = "00000000-0000-0000-0000-000000000000"
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
  description = "Client id per pipeline."
  value       = module.ci.ci_client_ids
}
