# Both directions of DNS between a VPC and an Azure VNet joined by HA VPN: Azure OpenAI names forwarded to the Azure
# DNS Private Resolver's inbound endpoint, and inbound entry points the Azure resolver forwards googleapis.com to.
# Run from this directory: terraform init && terraform plan (with Google Cloud credentials for the project).

terraform {
  required_version = ">= 1.9"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 7.40, < 9.0"
    }
  }
}

provider "google" {
  project = "acme-ai-prod"
  region  = "us-east4"
}

module "dns_forwarding" {
  source = "../.."

  project_id = "acme-ai-prod"
  name       = "support-assistant-prod-azure"
  network    = "projects/acme-ai-prod/global/networks/ai-vpc"
  region     = "us-east4"
  forward = {
    openai = {
      domain  = "openai.azure.com"
      targets = ["10.20.0.100"]
    }
    privatelink-openai = {
      domain  = "privatelink.openai.azure.com"
      targets = ["10.20.0.100"]
    }
  }
  inbound_enabled = true
}

output "forwarded_domains" {
  description = "Domains forwarded to the Azure resolver."
  value       = module.dns_forwarding.forwarded_domains
}

output "inbound_addresses" {
  description = "Entry points the Azure resolver forwards Google names to."
  value       = module.dns_forwarding.inbound_addresses
}
