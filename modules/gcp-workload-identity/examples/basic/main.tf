# Workload identity federation for a router running under an AWS IAM role, with Vertex AI and BigQuery granted directly.
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

module "workload_identity" {
  source = "../.."

  project_id   = "acme-ai-prod"
  pool_id      = "router-prod"
  provider_id  = "aws-111122223333"
  display_name = "estate-prod router"
  description  = "Federation for the inference router running in AWS account 111122223333."
  aws = {
    account_id = "111122223333"
    role_name  = "estate-prod-router"
  }
  direct_grants = {
    project_roles = ["roles/aiplatform.user"]
    bigquery_datasets = {
      analytics = {
        dataset_id = "support_assistant_prod_analytics"
        role       = "roles/bigquery.dataEditor"
      }
    }
  }
}

output "provider_name" {
  description = "Full resource name of the pool provider: the audience in the workload's credential configuration."
  value       = module.workload_identity.provider_name
}

output "principal" {
  description = "The federated principal set (sessions of the AWS role) that holds the grants."
  value       = module.workload_identity.principal
}
