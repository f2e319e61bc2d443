# Bedrock for one account and region: a guardrail, provisioned throughput, invocation logging and a private endpoint.
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

module "bedrock" {
  source = "../.."

  name_prefix = "support-assistant-prod"

  guardrails = {
    claude = {
      name            = "support-assistant-prod-claude"
      blocked_message = "Sorry, I can't help with that request."
      content_filters = {
        HATE     = { input_strength = "HIGH", output_strength = "HIGH" }
        VIOLENCE = { input_strength = "MEDIUM", output_strength = "MEDIUM" }
      }
      denied_topics = [{
        name       = "InvestmentAdvice"
        definition = "Recommendations about buying or selling specific financial products."
        examples   = ["Which stocks should I buy this year?"]
      }]
      pii_entities = {
        EMAIL = "ANONYMIZE"
        PHONE = "ANONYMIZE"
      }
      profanity = true
    }
  }

  provisioned_throughputs = {
    haiku = {
      name                = "support-assistant-prod-haiku"
      model_arn           = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"
      model_units         = 1
      commitment_duration = "OneMonth"
    }
  }

  invocation_logging = {
    account_id     = "111122223333"
    region         = "us-east-1"
    bucket_name    = "support-assistant-prod-bedrock-logs-111122223333"
    log_group_name = "/aws/bedrock/support-assistant-prod/invocations"
    retention_days = 90
  }

  runtime_endpoint = {
    region                     = "us-east-1"
    vpc_id                     = "vpc-0a1b2c3d4e5f67890"
    subnet_ids                 = ["subnet-0a1b2c3d4e5f67891", "subnet-0a1b2c3d4e5f67892"]
    allowed_security_group_ids = ["sg-0a1b2c3d4e5f67890"]
  }

  tags = { workload = "support-assistant" }
}

output "guardrail_versions" {
  description = "Published guardrail version per model key (pin it in InvokeModel calls)."
  value       = module.bedrock.guardrail_versions
}

output "provisioned_model_arns" {
  description = "Provisioned model ARN per model key (the model id to invoke)."
  value       = module.bedrock.provisioned_model_arns
}
