# A plan role for pull requests in a workload account whose Terraform state lives elsewhere, trusting the account's
# GitHub OIDC provider. Run from this directory: terraform init && terraform plan (with AWS credentials).

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

module "ci" {
  source = "../.."

  ci_roles = {
    plan = {
      name                = "acme-ai-prod-ci-plan"
      access              = "plan"
      issuer              = "https://token.actions.githubusercontent.com"
      subject             = "repo:acme/ai-platform:ref:refs/heads/main"
      oidc_provider_arn   = "arn:aws:iam::222233334444:oidc-provider/token.actions.githubusercontent.com"
      managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    }
  }
}

output "ci_role_arns" {
  description = "Role per pipeline."
  value       = module.ci.ci_role_arns
}
