# A response cache for one workload in an existing VPC: two nodes across availability zones, IAM auth only.
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

module "response_cache" {
  source = "../.."

  replication_group_id = "support-assistant-prod-cache"
  engine               = "valkey"
  node_type            = "cache.r7g.xlarge"
  replicas             = 1
  iam_user_id          = "support-assistant-prod-router"
  network = {
    vpc_id                     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids                 = ["subnet-0a1b2c3d4e5f67891", "subnet-0a1b2c3d4e5f67892"]
    allowed_security_group_ids = ["sg-0a1b2c3d4e5f67890"]
  }
}

output "primary_endpoint" {
  description = "Where the workload connects (TLS, IAM auth)."
  value       = module.response_cache.primary_endpoint
}
