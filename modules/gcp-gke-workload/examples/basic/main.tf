# The router's Kubernetes service account on GKE calls Vertex AI in its own project: roles/aiplatform.user granted to
# the service account itself through Workload Identity Federation for GKE (no Google service account, no key).
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

module "gke_workload" {
  source = "../.."

  project_id      = "acme-ai-prod"
  project_number  = "123456789012"
  namespace       = "router"
  service_account = "router"
  project_roles   = ["roles/aiplatform.user"]
}

output "member" {
  description = "Principal of the router's Kubernetes service account, for dataset or bucket grants."
  value       = module.gke_workload.member
}
