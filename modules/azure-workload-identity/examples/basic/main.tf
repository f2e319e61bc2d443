# The Azure identity of a workload on EKS: a managed identity trusting its service account token, OpenAI inference only.
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

module "workload_identity" {
  source = "../.."

  name                = "id-support-assistant-prod-router"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"

  federated_credentials = [
    {
      name    = "router-eks-us-east-1"
      issuer  = "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
      subject = "system:serviceaccount:support-assistant:router"
    },
    {
      name    = "router-eks-us-west-2"
      issuer  = "https://oidc.eks.us-west-2.amazonaws.com/id/FEDCBA9876543210FEDCBA9876543210"
      subject = "system:serviceaccount:support-assistant:router"
    },
  ]

  role_assignments = {
    openai = {
      scope                = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.CognitiveServices/accounts/support-assistant-prod-openai"
      role_definition_name = "Cognitive Services OpenAI User"
    }
  }

  tags = { workload = "support-assistant" }
}

output "client_id" {
  description = "Client id the workload requests tokens for (AZURE_CLIENT_ID); not a secret."
  value       = module.workload_identity.client_id
}

output "tenant_id" {
  description = "Entra ID tenant of the identity (AZURE_TENANT_ID)."
  value       = module.workload_identity.tenant_id
}
