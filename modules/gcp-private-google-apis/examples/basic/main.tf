# A Private Service Connect endpoint for Google APIs on 10.31.255.254, with private googleapis.com DNS for the VPC.
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

module "private_google_apis" {
  source = "../.."

  project_id      = "acme-ai-prod"
  endpoint_name   = "supportassistantprod"
  address         = "10.31.255.254"
  network         = "projects/acme-ai-prod/global/networks/ai-vpc"
  dns_zone_prefix = "support-assistant-prod"
}

output "address" {
  description = "Internal address that Google API names resolve to inside the VPC."
  value       = module.private_google_apis.address
}

output "dns_zones" {
  description = "Names of the private googleapis.com and p.googleapis.com zones."
  value       = module.private_google_apis.dns_zones
}
