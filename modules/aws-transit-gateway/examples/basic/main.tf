# A Transit Gateway in the network account, shared through AWS RAM with one workload account.
# Run from this directory: terraform init && terraform plan (with AWS credentials for the network account).

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

module "transit_gateway" {
  source = "../.."

  name                   = "support-assistant-prod-hub"
  amazon_side_asn        = 64512
  share_with_account_ids = ["222222222222"]

  tags = { workload = "support-assistant" }
}

output "transit_gateway_id" {
  description = "Id of the Transit Gateway (input of the workload account's attachment)."
  value       = module.transit_gateway.id
}
