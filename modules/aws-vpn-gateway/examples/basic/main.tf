# The VPC's virtual private gateway with BGP routes propagated into the private subnets' route tables.
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

module "vpn_gateway" {
  source = "../.."

  name            = "support-assistant-prod-links"
  vpc_id          = "vpc-0a1b2c3d4e5f67890"
  amazon_side_asn = 64512
  route_table_ids = ["rtb-0a1b2c3d4e5f67891", "rtb-0a1b2c3d4e5f67892"]

  tags = { workload = "support-assistant" }
}

output "vpn_gateway_id" {
  description = "Id of the virtual private gateway (for aws-vpn and aws-direct-connect)."
  value       = module.vpn_gateway.id
}

output "amazon_side_asn" {
  description = "BGP ASN of the AWS side."
  value       = module.vpn_gateway.amazon_side_asn
}
