mock_provider "aws" {}

variables {
  name_prefix = "estate-prod"
  guardrails = {
    claude = {
      name            = "estate-prod-claude"
      blocked_message = "Not allowed."
      content_filters = { HATE = { input_strength = "HIGH", output_strength = "HIGH" } }
      pii_entities    = { EMAIL = "ANONYMIZE" }
      profanity       = true
    }
  }
  provisioned_throughputs = {
    haiku = {
      name                = "estate-prod-haiku"
      model_arn           = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"
      model_units         = 1
      commitment_duration = "OneMonth"
    }
  }
  invocation_logging = {
    account_id     = "111122223333"
    region         = "us-east-1"
    bucket_name    = "estate-prod-bedrock-logs-111122223333"
    log_group_name = "/aws/bedrock/estate-prod/invocations"
    retention_days = 90
  }
  runtime_endpoint = {
    region                     = "us-east-1"
    vpc_id                     = "vpc-0a1b2c3d"
    subnet_ids                 = ["subnet-0a1b2c3d"]
    allowed_security_group_ids = ["sg-0a1b2c3d4e5f67890"]
  }
}

run "everything_on" {
  command = plan

  assert {
    condition     = aws_bedrock_guardrail.this["claude"].blocked_input_messaging == "Not allowed."
    error_message = "The blocked message reaches the guardrail."
  }

  assert {
    condition     = aws_vpc_endpoint.runtime[0].service_name == "com.amazonaws.us-east-1.bedrock-runtime"
    error_message = "The endpoint targets bedrock-runtime in the stack's region."
  }

  assert {
    condition     = aws_cloudwatch_log_group.invocation_logs[0].retention_in_days == 90
    error_message = "Log retention follows the input."
  }

  assert {
    condition     = length(aws_bedrock_model_invocation_logging_configuration.this) == 1
    error_message = "Logging is configured once."
  }
}

run "logging_and_endpoint_off" {
  command = plan

  variables {
    invocation_logging = null
    runtime_endpoint   = null
  }

  assert {
    condition     = length(aws_s3_bucket.invocation_logs) == 0 && length(aws_vpc_endpoint.runtime) == 0
    error_message = "Nothing optional is created when switched off."
  }
}

run "knowledge_base_queries_stay_private" {
  command = plan

  variables {
    runtime_endpoint = {
      region                     = "us-east-1"
      vpc_id                     = "vpc-0a1b2c3d"
      subnet_ids                 = ["subnet-0a1b2c3d"]
      allowed_security_group_ids = ["sg-0a1b2c3d4e5f67890"]
      agent_runtime              = true
    }
  }

  assert {
    condition     = aws_vpc_endpoint.agent_runtime[0].service_name == "com.amazonaws.us-east-1.bedrock-agent-runtime" && aws_vpc_endpoint.agent_runtime[0].private_dns_enabled
    error_message = "Retrieve calls resolve to a bedrock-agent-runtime endpoint in the VPC."
  }
}

run "no_agent_runtime_endpoint_by_default" {
  command = plan

  assert {
    condition     = length(aws_vpc_endpoint.agent_runtime) == 0
    error_message = "Without knowledge bases, only bedrock-runtime gets an endpoint."
  }
}

run "bad_commitment_is_rejected" {
  command = plan

  variables {
    provisioned_throughputs = {
      x = { name = "x", model_arn = "arn:aws:bedrock:us-east-1::foundation-model/m", model_units = 1, commitment_duration = "OneYear" }
    }
  }

  expect_failures = [var.provisioned_throughputs]
}

run "logging_needs_a_destination" {
  command = plan

  variables {
    invocation_logging = { account_id = "111122223333", region = "us-east-1", retention_days = 30 }
  }

  expect_failures = [var.invocation_logging]
}

run "logs_are_versioned_expired_and_cleaned_up" {
  command = plan

  assert {
    condition     = aws_s3_bucket_versioning.invocation_logs[0].versioning_configuration[0].status == "Enabled"
    error_message = "The log bucket is versioned."
  }

  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.invocation_logs[0].rule[0].abort_incomplete_multipart_upload[0].days_after_initiation == 1
    error_message = "Incomplete multipart uploads are aborted."
  }

  assert {
    condition     = length(aws_kms_key.invocation_logs) == 0
    error_message = "No customer-managed key unless asked."
  }
}

run "customer_managed_key_encrypts_both_destinations" {
  command = plan

  variables {
    invocation_logging = {
      account_id           = "111122223333"
      region               = "us-east-1"
      bucket_name          = "estate-prod-bedrock-logs-111122223333"
      log_group_name       = "/aws/bedrock/estate-prod/invocations"
      retention_days       = 90
      customer_managed_key = true
    }
  }

  assert {
    condition     = aws_kms_key.invocation_logs[0].enable_key_rotation
    error_message = "The key rotates."
  }

  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.invocation_logs[0].rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
    error_message = "The bucket uses SSE-KMS with the key."
  }
}
