# Enables the APIs an AI workload needs (Vertex AI, BigQuery, Storage, IAM, STS) and keeps them on destroy.
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

module "project_services" {
  source = "../.."

  project_id = "acme-ai-prod"
  services = [
    "aiplatform.googleapis.com",
    "bigquery.googleapis.com",
    "storage.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "sts.googleapis.com",
  ]
  disable_on_destroy = false
}

output "project_id" {
  description = "The project id, known only once every API is enabled: pass it on to order creation after enablement."
  value       = module.project_services.project_id
}

output "services" {
  description = "The enabled API service names."
  value       = module.project_services.services
}
