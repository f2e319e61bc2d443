# A Memorystore for Valkey response cache with IAM authentication, reached through Private Service Connect endpoints
# in the VPC, with one GKE workload's Kubernetes service account allowed to connect.
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

module "response_cache" {
  source = "../.."

  project_id  = "acme-ai-prod"
  region      = "us-east4"
  instance_id = "support-assistant-prod-cache"
  node_type   = "HIGHMEM_MEDIUM"
  replicas    = 1
  network_id  = "projects/acme-ai-prod/global/networks/ai-vpc"
  service_connection_policy = {
    name          = "ai-vpc-memorystore-us-east4"
    subnetwork_id = "projects/acme-ai-prod/regions/us-east4/subnetworks/ai-vpc-us-east4"
  }
  users = {
    router = "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-ai-prod.svc.id.goog/subject/ns/router/sa/router"
  }
  labels = { owner = "platform-team" }
}

output "discovery_endpoint" {
  description = "Address the router connects to."
  value       = module.response_cache.discovery_endpoint
}
