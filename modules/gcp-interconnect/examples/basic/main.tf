# The GCP end of a Partner Interconnect to AWS: a Cloud Router and one VLAN attachment per edge availability domain.
# Run from this directory: terraform init && terraform apply (with Google Cloud credentials); give the partner the keys.

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

module "interconnect" {
  source = "../.."

  project_id                = "acme-ai-prod"
  region                    = "us-east4"
  name                      = "estate-prod-aws"
  network                   = "projects/acme-ai-prod/global/networks/ai-vpc"
  type                      = "PARTNER"
  router_asn                = 16550
  edge_availability_domains = [1, 2]
  mtu                       = 1500
  advertised_ranges         = ["10.31.255.254/32"]
}

output "pairing_keys" {
  description = "Pairing key per attachment, handed to the partner to provision it."
  value       = module.interconnect.pairing_keys
  sensitive   = true
}

output "router_id" {
  description = "Id of the Cloud Router."
  value       = module.interconnect.router_id
}
