# An AWS account's CloudTrail log files and an Azure account's exported diagnostic logs copied hourly into a Cloud
# Storage bucket kept a year, read through a federated IAM role and a federated Entra ID application (no key).
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

module "audit_landing" {
  source = "../.."

  project_id  = "acme-ai-prod"
  bucket_name = "acme-prod-audit-logs-123456789012"
  location    = "us-east4"
  aws_trails = {
    aws = {
      bucket_name = "acme-prod-audit-trail-111122223333"
      path        = "AWSLogs/111122223333/"
      role_arn    = "arn:aws:iam::111122223333:role/acme-prod-audit-transfer"
    }
  }
  azure_logs = {
    azure = {
      storage_account = "stsupportprodaudit"
      containers      = ["insights-logs-audit", "insights-logs-requestresponse"]
      tenant_id       = "11111111-1111-1111-1111-111111111111"
      client_id       = "22222222-2222-2222-2222-222222222222"
    }
  }
}
