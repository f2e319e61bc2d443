# A private, encrypted, versioned documents bucket for a retrieval workload.
# Run from this directory: terraform init && terraform plan (with AWS credentials for the account).

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

module "documents_bucket" {
  source = "../.."

  bucket_name = "support-assistant-prod-documents-111122223333"
  tags        = { workload = "support-assistant" }
}

output "bucket_arn" {
  description = "ARN of the documents bucket (grant it to the workload role)."
  value       = module.documents_bucket.bucket_arn
}
