# A workload account's VPC attached to the network account's shared Transit Gateway, with routes to the network
# account's VPC. Run from this directory: terraform init && terraform plan (with credentials for the workload account).

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

module "transit_gateway_attachment" {
  source = "../.."

  name               = "support-assistant-prod-workloads"
  transit_gateway_id = "tgw-0a1b2c3d4e5f67890"
  vpc_id             = "vpc-0a1b2c3d4e5f67890"
  subnet_ids         = ["subnet-0a1b2c3d4e5f67891", "subnet-0a1b2c3d4e5f67892"]
  route_table_ids    = ["rtb-0a1b2c3d4e5f67891"]
  destination_cidrs  = ["10.0.0.0/16"]

  tags = { workload = "support-assistant" }
}

output "attachment_id" {
  description = "Id of the Transit Gateway VPC attachment."
  value       = module.transit_gateway_attachment.id
}
