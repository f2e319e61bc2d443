# The bootstrap of a GCP control plane: the state bucket and a plan pipeline for GitHub Actions on main. Apply it with
# local state first, then move its state into the bucket (see the generated README's steps).

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

module "bootstrap" {
  source = "../.."

  project_id        = "acme-ai-prod"
  location          = "US"
  state_bucket_name = "acme-ai-prod-tfstate-123456789012"
  pool_id           = "acme-ai-prod-ci"
  ci_pipelines = {
    plan = {
      provider = "github"
      access   = "plan"
      issuer   = "https://token.actions.githubusercontent.com"
      subject  = "repo:acme/ai-platform:ref:refs/heads/main"
      roles    = ["roles/viewer"]
    }
  }
}

output "ci_providers" {
  description = "Provider per issuer, for the CI configuration."
  value       = module.bootstrap.ci_providers
}
