# The bootstrap of an AWS control plane: the state bucket and a plan role for pull requests' base branch in GitHub
# Actions (the account already has GitHub's IAM OIDC provider; mcai's aws-oidc-provider module creates one). Apply it with local state first, then move its state into the bucket (see the generated README's steps).

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

module "bootstrap" {
  source = "../.."

  state_bucket_name = "acme-ai-prod-tfstate-111122223333"
  state_key_prefix  = "acme-ai/prod/"
  ci_roles = {
    plan-main = {
      name                = "acme-ai-prod-ci-plan-main"
      access              = "plan"
      issuer              = "https://token.actions.githubusercontent.com"
      subject             = "repo:acme/ai-platform:ref:refs/heads/main"
      oidc_provider_arn   = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" # the account's provider for GitHub
      managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    }
  }
}

output "ci_role_arns" {
  description = "Role per pipeline, for the CI configuration."
  value       = module.bootstrap.ci_role_arns
}
