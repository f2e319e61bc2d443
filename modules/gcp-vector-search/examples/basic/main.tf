# A Vertex AI Vector Search store for support articles, queried by a GKE router through Private Service Connect.
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

module "knowledge" {
  source = "../.."

  project_id           = "acme-ai-prod"
  region               = "us-east4"
  name                 = "support-assistant-prod-knowledge"
  deployed_index_id    = "support_assistant_prod_knowledge"
  dimensions           = 768
  network              = "projects/acme-ai-prod/global/networks/ai-vpc"
  subnetwork           = "projects/acme-ai-prod/regions/us-east4/subnetworks/psc"
  psc_name             = "support-assistant-prod-knowledge"
  documents            = { bucket_name = "support-assistant-prod-docs-123456789012", prefix = "articles/" }
  ingestion_account_id = "knowledge-ingest-prod"
  role_prefix          = "support_assistant_prod_knowledge"
  readers = {
    router = "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-ai-prod.svc.id.goog/subject/ns/router/sa/router"
  }
}

output "match_address" {
  description = "Internal address queries go to."
  value       = module.knowledge.match_address
}
