# A receiver for one GCP project's audit logs, landing under gcp/ in an existing trail bucket. The pusher's unique
# id is not known yet (the gcp stack has not been applied): the function admits the verified email alone.
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

module "audit_receiver" {
  source = "../.."

  name            = "acme-prod-audit-receiver"
  account_id      = "111122223333"
  region          = "us-east-1"
  log_bucket_arn  = "arn:aws:s3:::acme-prod-audit-trail-111122223333"
  log_kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000"
  audience        = "acme-prod-audit-from-gcp"
  pusher_email    = "acme-prod-audit-push@acme-ai-prod.iam.gserviceaccount.com"
  subscription    = "projects/acme-ai-prod/subscriptions/acme-prod-audit-to-aws"
}
