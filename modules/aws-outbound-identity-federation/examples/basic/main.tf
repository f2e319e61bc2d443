# Turns on IAM outbound identity federation for the account and exports the issuer that Entra ID or Google trusts.
# Run from this directory: terraform init && terraform plan (with AWS credentials for the account; aws >= 6.26).

# mcai:min-provider aws 6.26 (aws_iam_outbound_web_identity_federation is new in aws 6.26.0)
terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.26, < 7.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

module "outbound_identity_federation" {
  source = "../.."
}

output "issuer" {
  description = "The account's token issuer URL, to register in the trusting clouds."
  value       = module.outbound_identity_federation.issuer
}
