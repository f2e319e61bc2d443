# Private Link names resolving from AWS: Azure OpenAI zones forwarded to Azure, Google APIs answered by a private zone;
# and an inbound endpoint the Azure resolver forwards bedrock-runtime to.
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

module "dns_forwarding" {
  source = "../.."

  name       = "support-assistant-prod"
  vpc_id     = "vpc-0a1b2c3d4e5f67890"
  subnet_ids = ["subnet-0a1b2c3d4e5f67891", "subnet-0a1b2c3d4e5f67892"]

  forward = {
    "openai.azure.com"                        = ["10.20.0.100"]
    "privatelink.openai.azure.com"            = ["10.20.0.100"]
    "privatelink.cognitiveservices.azure.com" = ["10.20.0.100"]
  }

  private_zones = {
    "googleapis.com" = "10.31.255.254"
  }

  inbound_cidrs = ["10.20.0.0/16"]

  tags = { workload = "support-assistant" }
}

output "resolver_endpoint_id" {
  description = "Id of the outbound Resolver endpoint."
  value       = module.dns_forwarding.resolver_endpoint_id
}

output "forwarded_domains" {
  description = "Domains forwarded to the Azure resolver."
  value       = module.dns_forwarding.forwarded_domains
}

output "inbound_addresses" {
  description = "Addresses the Azure resolver forwards bedrock-runtime to."
  value       = module.dns_forwarding.inbound_addresses
}
