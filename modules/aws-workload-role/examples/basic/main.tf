# A workload role bound to one EKS service account through Pod Identity, allowed to invoke one Bedrock model.
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

module "workload_role" {
  source = "../.."

  role_name = "support-assistant-prod-router"

  trust = {
    type            = "pod_identity"
    cluster_name    = "ai-platform-prod"
    namespace       = "support-assistant"
    service_account = "router"
    cluster_arn     = "arn:aws:eks:us-east-1:111122223333:cluster/ai-platform-prod"
  }

  statements = [{
    sid       = "InvokeModels"
    actions   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
    resources = ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"]
  }]

  tags = { workload = "support-assistant" }
}

output "role_arn" {
  description = "ARN of the workload role."
  value       = module.workload_role.role_arn
}
