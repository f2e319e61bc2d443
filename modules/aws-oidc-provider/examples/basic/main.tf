# The IAM OIDC provider for a GKE cluster's issuer, so roles can trust that cluster's service-account tokens.
# Run from this directory: terraform init && terraform plan (with AWS credentials for the account).

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

module "gke_issuer" {
  source = "../.."

  issuer_url = "https://container.googleapis.com/v1/projects/acme-ai-prod/locations/us-east4/clusters/ai-platform"
  tags       = { cluster = "ai-platform" }
}

output "arn" {
  description = "ARN of the provider, for the roles' trust policies."
  value       = module.gke_issuer.arn
}
