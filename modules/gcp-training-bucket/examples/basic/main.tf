# A private, versioned training-data bucket next to Vertex AI, encrypted with a customer-managed key, read by a trainer.
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

module "training_bucket" {
  source = "../.."

  project_id   = "acme-ai-prod"
  bucket_name  = "support-assistant-prod-training-123456789012"
  location     = "us-east4"
  kms_key_name = "projects/acme-kms/locations/us-east4/keyRings/ai/cryptoKeys/gcs"
  readers = {
    trainer = "serviceAccount:trainer-prod@acme-ai-prod.iam.gserviceaccount.com"
  }
  labels = {
    workload = "support-assistant"
  }
}

output "bucket_name" {
  description = "Name of the training-data bucket."
  value       = module.training_bucket.bucket_name
}

output "url" {
  description = "gs:// URL of the bucket, for training job inputs."
  value       = module.training_bucket.url
}
