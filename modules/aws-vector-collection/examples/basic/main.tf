# A highly available vector collection behind a VPC endpoint, with read and write granted to one workload role.
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

module "vector_collection" {
  source = "../.."

  name             = "support-assistant-vectors"
  standby_replicas = true
  principal_arns   = ["arn:aws:iam::111122223333:role/support-assistant-prod-router"]

  network = {
    vpc_id                     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids                 = ["subnet-0a1b2c3d4e5f67891", "subnet-0a1b2c3d4e5f67892"]
    allowed_security_group_ids = ["sg-0a1b2c3d4e5f67890"]
  }

  tags = { workload = "support-assistant" }
}

output "collection_endpoint" {
  description = "Endpoint the workload sends vector queries to."
  value       = module.vector_collection.collection_endpoint
}

output "collection_arn" {
  description = "ARN of the collection (for aoss:APIAccessAll in the workload role)."
  value       = module.vector_collection.collection_arn
}
