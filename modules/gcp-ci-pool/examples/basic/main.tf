# A plan principal for pull requests in a project whose Terraform state lives elsewhere.
# Run from this directory: terraform init && terraform plan (with GCP credentials).

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

module "ci" {
  source = "../.."

  project_id = "acme-ai-prod"
  pool_id    = "acme-ai-prod-ci"
  ci_pipelines = {
    plan = {
      provider = "github"
      access   = "plan"
      issuer   = "https://token.actions.githubusercontent.com"
      subject  = "repo:acme/ai-platform:ref:refs/heads/main"
      roles    = ["roles/aiplatform.viewer"]
    }
  }
}

output "ci_providers" {
  description = "Provider per issuer, for the CI configuration."
  value       = module.ci.ci_providers
}
