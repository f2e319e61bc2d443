# Data Access audit logs for Vertex AI and BigQuery in one project.
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

module "audit_logs" {
  source = "../.."

  project_id = "acme-ai-prod"
  services   = ["aiplatform.googleapis.com", "bigquery.googleapis.com"]
}
