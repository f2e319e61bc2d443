# A monthly budget for one subscription starting January 2027, alerting one address.
# Run from this directory: terraform init && terraform plan (signed in with az login).

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

module "budget" {
  source = "../.."

  name            = "acme-prod-azure-monthly"
  subscription_id = "00000000-0000-0000-0000-000000000000"
  amount_usd      = 900
  start_month     = "2027-01"
  emails          = ["finops@example.com"]
}
