# An analytics dataset next to Vertex AI: 90-day table expiry, a customer-managed key and one writer workload.
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

module "analytics_dataset" {
  source = "../.."

  project_id                    = "acme-ai-prod"
  dataset_id                    = "support_assistant_prod_analytics"
  location                      = "us-east4"
  description                   = "Inference request logs and evaluation results of the support assistant."
  default_table_expiration_days = 90
  kms_key_name                  = "projects/acme-kms/locations/us-east4/keyRings/ai/cryptoKeys/bq"
  writers = {
    inference-router = "serviceAccount:router-prod@acme-ai-prod.iam.gserviceaccount.com"
  }
  labels = {
    workload = "support-assistant"
  }
}

output "dataset_id" {
  description = "Dataset id, for bq:// logging destinations and table references."
  value       = module.analytics_dataset.dataset_id
}

output "id" {
  description = "Full id of the dataset (projects/<project>/datasets/<dataset>)."
  value       = module.analytics_dataset.id
}
