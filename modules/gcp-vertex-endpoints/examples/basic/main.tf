# Two Vertex AI endpoints for self-deployed models: one private (PSC) with request logging to BigQuery, one plain.
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

module "vertex_endpoints" {
  source = "../.."

  project_id = "acme-ai-prod"
  endpoints = {
    support-tuned = {
      name                    = "1234567890"
      display_name            = "support-assistant-prod-support-tuned"
      location                = "us-east4"
      description             = "Tuned support model, reachable only through Private Service Connect."
      private_service_connect = true
      logging = {
        sampling_rate = 0.1
        output_uri    = "bq://acme-ai-prod.support_assistant_prod_analytics.request_response_support_tuned"
      }
    }
    reranker = {
      name         = "1234567891"
      display_name = "support-assistant-prod-reranker"
      location     = "us-east4"
    }
  }
  labels = {
    workload = "support-assistant"
  }
}

output "endpoint_ids" {
  description = "Full resource id of each endpoint, keyed by model name."
  value       = module.vertex_endpoints.endpoint_ids
}
