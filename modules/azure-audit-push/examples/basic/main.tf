# Azure OpenAI's Audit and RequestResponse rows, shipped every 15 minutes from the stack's Log Analytics workspace to
# an AWS audit receiver with a managed identity's token (no key, no secret).
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
  subscription_id = "00000000-0000-0000-0000-000000000000"
}

provider "azuread" {
  tenant_id = "11111111-1111-1111-1111-111111111111"
}

module "audit_push" {
  source = "../.."

  name                  = "support-assistant-prod-audit-push"
  resource_group_name   = "rg-support-assistant-prod"
  location              = "eastus2"
  workspace_id          = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.OperationalInsights/workspaces/log-support-assistant-prod"
  workspace_customer_id = "33333333-4444-5555-6666-777777777777"
  categories            = ["Audit", "RequestResponse"]
  application_name      = "support-assistant-prod-audit-receiver"
  identifier_uri        = "api://11111111-1111-1111-1111-111111111111/support-assistant-prod-audit-receiver"
  receiver_endpoint     = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/push-azure"
}
