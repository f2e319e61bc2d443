# A service account for one workload with roles/aiplatform.user, impersonable only by an AWS role through federation.
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

module "workload_sa" {
  source = "../.."

  project_id    = "acme-ai-prod"
  account_id    = "router-prod"
  display_name  = "inference-router"
  description   = "Identity of the inference router calling Vertex AI from AWS."
  project_roles = ["roles/aiplatform.user"]
  workload_identity_members = {
    router = "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/router-prod/attribute.aws_role/arn:aws:sts::111122223333:assumed-role/estate-prod-router"
  }
}

output "email" {
  description = "Email of the workload's service account."
  value       = module.workload_sa.email
}

output "member" {
  description = "IAM member string (serviceAccount:<email>) for resource-level grants."
  value       = module.workload_sa.member
}
