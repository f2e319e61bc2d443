# A $750 monthly budget on one project, alerting one address.
# Run from this directory: terraform init && terraform plan (with credentials allowed to create budgets on the
# billing account).

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

module "budget" {
  source = "../.."

  display_name    = "acme-prod-gcp-monthly"
  billing_account = "012345-6789AB-CDEF01"
  project_id      = "acme-ai-prod"
  project_number  = "123456789012"
  amount_usd      = 750
  emails          = ["finops@example.com"]
}
