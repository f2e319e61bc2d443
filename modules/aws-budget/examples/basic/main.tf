# A $1,200 monthly budget for one account, alerting one address.
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

module "budget" {
  source = "../.."

  name       = "acme-prod-aws-monthly"
  amount_usd = 1200
  account_id = "111122223333"
  emails     = ["finops@example.com"]
}
