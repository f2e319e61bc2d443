# A trail for one account's Bedrock calls: management events and knowledge-base data events, into an encrypted
# log bucket kept a year.
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

module "audit_trail" {
  source = "../.."

  trail_name                  = "acme-prod-audit"
  bucket_name                 = "acme-prod-audit-trail-111122223333"
  account_id                  = "111122223333"
  region                      = "us-east-1"
  bedrock_data_resource_types = ["AWS::Bedrock::KnowledgeBase"]
}
