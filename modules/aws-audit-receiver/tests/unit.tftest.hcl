mock_provider "aws" {
  mock_resource "aws_kinesis_firehose_delivery_stream" {
    override_during = plan
    defaults        = { arn = "arn:aws:firehose:us-east-1:111122223333:deliverystream/acme-prod-audit-receiver" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    override_during = plan
    defaults        = { arn = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/acme-prod-audit-receiver-function" }
  }
  mock_resource "aws_apigatewayv2_api" {
    override_during = plan
    defaults        = { execution_arn = "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5", api_endpoint = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com" }
  }
  mock_resource "aws_kms_key" {
    override_during = plan
    defaults        = { arn = "arn:aws:kms:us-east-1:111122223333:key/11111111-1111-1111-1111-111111111111" }
  }
}

variables {
  name            = "acme-prod-audit-receiver"
  account_id      = "111122223333"
  region          = "us-east-1"
  log_bucket_arn  = "arn:aws:s3:::acme-prod-audit-trail-111122223333"
  log_kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000"
  audience        = "acme-prod-audit-from-gcp"
  pusher_email    = "acme-prod-audit-push@acme-ai-prod.iam.gserviceaccount.com"
  subscription    = "projects/acme-ai-prod/subscriptions/acme-prod-audit-to-aws"
}

run "the_api_admits_google_tokens_for_the_audience_only_and_is_throttled" {
  command = plan

  assert {
    condition     = aws_apigatewayv2_authorizer.google.jwt_configuration[0].issuer == "https://accounts.google.com" && aws_apigatewayv2_authorizer.google.jwt_configuration[0].audience == toset(["acme-prod-audit-from-gcp"])
    error_message = "The JWT authorizer checks Google's issuer and exactly the one audience."
  }

  assert {
    condition     = aws_apigatewayv2_route.push.authorization_type == "JWT" && aws_apigatewayv2_route.push.route_key == "POST /push"
    error_message = "The one route requires the JWT authorizer."
  }

  assert {
    condition     = aws_apigatewayv2_stage.default.default_route_settings[0].throttling_rate_limit == 50 && aws_apigatewayv2_stage.default.default_route_settings[0].throttling_burst_limit == 100
    error_message = "The API is throttled."
  }

  assert {
    condition     = aws_lambda_function.this.reserved_concurrent_executions == null && aws_lambda_function.this.tracing_config[0].mode == "Active"
    error_message = "By default no concurrency is reserved (a young account's quota would refuse it; the API throttles), and the function is traced."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables.PUSHER_SUBJECT == "" && aws_lambda_function.this.environment[0].variables.PUSHER_EMAIL == "acme-prod-audit-push@acme-ai-prod.iam.gserviceaccount.com"
    error_message = "Until the unique id is handed over, the function pins the email alone."
  }

  assert {
    condition     = aws_lambda_permission.api.source_arn == "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*/POST/push" && output.push_endpoint == "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/push"
    error_message = "Only this API's route may invoke the function."
  }
}

run "the_function_puts_into_one_stream_and_the_writer_writes_one_prefix" {
  command = plan

  variables {
    pusher_subject = "112233445566778899001"
    throttle       = { rate_per_second = 50, burst = 100, concurrency = 20 }
  }

  assert {
    condition     = aws_lambda_function.this.reserved_concurrent_executions == 20
    error_message = "A reservation the spec asks for is made."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables.PUSHER_SUBJECT == "112233445566778899001"
    error_message = "Once handed over, the unique id is pinned."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.function.policy).Statement : s.Resource if s.Sid == "PutIntoTheStreams"] == [["arn:aws:firehose:us-east-1:111122223333:deliverystream/acme-prod-audit-receiver"]] && length(aws_apigatewayv2_route.push_azure) == 0 && aws_lambda_function.this.environment[0].variables.AZURE_PRINCIPAL == ""
    error_message = "Without var.azure the function may put records into exactly its one stream, and no Azure route exists."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.writer.policy).Statement : s.Resource if s.Sid == "WriteUnderThePrefix"] == [["arn:aws:s3:::acme-prod-audit-trail-111122223333/gcp/*"]]
    error_message = "The writer writes under gcp/ only."
  }

  assert {
    condition     = startswith(aws_kinesis_firehose_delivery_stream.this.extended_s3_configuration[0].prefix, "gcp/") && startswith(aws_kinesis_firehose_delivery_stream.this.extended_s3_configuration[0].error_output_prefix, "gcp/errors/")
    error_message = "Files and failed deliveries land under gcp/."
  }

  assert {
    condition     = aws_kinesis_firehose_delivery_stream.this.extended_s3_configuration[0].kms_key_arn == "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000"
    error_message = "Files are encrypted with the log store's key."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role.writer.assume_role_policy).Statement : s.Condition.StringEquals["sts:ExternalId"]]) == "111122223333"
    error_message = "Firehose assumes the writer for this account only."
  }
}

run "a_missing_subject_format_or_foreign_email_is_rejected" {
  command = plan

  variables {
    pusher_subject = "not-a-number"
    pusher_email   = "someone@gmail.com"
  }

  expect_failures = [var.pusher_subject, var.pusher_email]
}

run "azure_rows_get_their_own_authorizer_route_and_stream_under_azure" {
  command = plan

  variables {
    azure = {
      tenant_id = "11111111-1111-1111-1111-111111111111"
      audience  = "api://11111111-1111-1111-1111-111111111111/acme-prod-audit-receiver"
    }
  }

  assert {
    condition     = aws_apigatewayv2_authorizer.entra[0].jwt_configuration[0].issuer == "https://sts.windows.net/11111111-1111-1111-1111-111111111111/" && aws_apigatewayv2_authorizer.entra[0].jwt_configuration[0].audience == toset(["api://11111111-1111-1111-1111-111111111111/acme-prod-audit-receiver"])
    error_message = "The Entra ID authorizer checks the tenant's v1 issuer and exactly the identifier URI."
  }

  assert {
    condition     = aws_apigatewayv2_route.push_azure[0].route_key == "POST /push-azure" && aws_apigatewayv2_route.push_azure[0].authorization_type == "JWT" && aws_lambda_permission.api_azure[0].source_arn == "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*/POST/push-azure"
    error_message = "The Azure route requires its own JWT authorizer and only it may invoke the function besides the GCP route."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables.AZURE_PRINCIPAL == "" && aws_lambda_function.this.environment[0].variables.AZURE_TENANT == "11111111-1111-1111-1111-111111111111"
    error_message = "Until the Logic App's object id is handed over, the function has none to admit (it refuses every Azure token)."
  }

  assert {
    condition     = startswith(aws_kinesis_firehose_delivery_stream.azure[0].extended_s3_configuration[0].prefix, "azure/") && startswith(aws_kinesis_firehose_delivery_stream.azure[0].extended_s3_configuration[0].error_output_prefix, "azure/errors/")
    error_message = "Azure's rows and their failed deliveries land under azure/."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.writer.policy).Statement : s.Resource if s.Sid == "WriteUnderThePrefix"] == [["arn:aws:s3:::acme-prod-audit-trail-111122223333/gcp/*", "arn:aws:s3:::acme-prod-audit-trail-111122223333/azure/*"]]
    error_message = "The writer writes under gcp/ and azure/ only."
  }

  assert {
    condition     = output.push_azure_endpoint == "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/push-azure"
    error_message = "The azure stack gets the Azure route's URL."
  }
}

run "once_handed_over_the_logic_app_s_object_id_is_pinned" {
  command = plan

  variables {
    azure = {
      tenant_id    = "11111111-1111-1111-1111-111111111111"
      audience     = "api://11111111-1111-1111-1111-111111111111/acme-prod-audit-receiver"
      principal_id = "22222222-3333-4444-5555-666666666666"
    }
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables.AZURE_PRINCIPAL == "22222222-3333-4444-5555-666666666666"
    error_message = "The handed-over object id is the one the function admits."
  }
}

run "an_azure_audience_outside_api_or_a_malformed_tenant_is_rejected" {
  command = plan

  variables {
    azure = { tenant_id = "contoso.onmicrosoft.com", audience = "https://example.com/x" }
  }

  expect_failures = [var.azure]
}
