# GCP's audit logs, landed keylessly in an AWS control plane's log store. A Pub/Sub push subscription signs an OIDC
# token as one Google service account; this HTTP API's JWT authorizer checks the token's signature, issuer
# (accounts.google.com) and exact audience, and a small function (handler.py, shipped as handler.zip, both rendered
# by mcai) admits only that service account's verified email and, once known, its unique id, then puts each entry
# into a Firehose stream. The stream writes gzip files under the prefix, encrypted with the log store's key; only
# its writer role may write there (the trail bucket's policy denies everyone else). No key, secret or password.
# With var.azure, a second route (POST /push-azure, its own JWT authorizer for the Entra ID tenant's v1 issuer and the
# azure stack's identifier URI) takes batches of Azure's audit rows from one Logic App's managed identity, pinned by
# object id in the function, into a second stream writing under azure/.

locals {
  route          = "POST /push"
  function_name  = "${var.name}-function"
  log_group_arns = [for g in ["/aws/lambda/${local.function_name}", "/aws/apigateway/${var.name}", "/aws/kinesisfirehose/${var.name}"] : "arn:aws:logs:${var.region}:${var.account_id}:log-group:${g}"]
  package        = "${path.module}/handler.zip"
  azure          = var.azure == null ? 0 : 1
  azure_prefix   = "azure/"
  prefixes       = concat([var.prefix], var.azure == null ? [] : [local.azure_prefix])
  streams        = concat([aws_kinesis_firehose_delivery_stream.this.arn], aws_kinesis_firehose_delivery_stream.azure[*].arn)
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
  description   = "Receives GCP audit log entries pushed by one Pub/Sub subscription (managed by mcai)"
  tags          = var.tags
}

# Signature, expiry, issuer and audience. It cannot pin the signer: the function does.
resource "aws_apigatewayv2_authorizer" "google" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "google-oidc"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = "https://accounts.google.com"
    audience = [var.audience]
  }
}

# Azure's route: v1 tokens of the one tenant for exactly the identifier URI. Any identity of the tenant can get one,
# so the function pins the Logic App identity's object id.
resource "aws_apigatewayv2_authorizer" "entra" {
  count = local.azure

  api_id           = aws_apigatewayv2_api.this.id
  name             = "entra-id"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = "https://sts.windows.net/${var.azure.tenant_id}/"
    audience = [var.azure.audience]
  }
}

resource "aws_apigatewayv2_route" "push_azure" {
  count = local.azure

  api_id             = aws_apigatewayv2_api.this.id
  route_key          = "POST /push-azure"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.entra[0].id
  target             = "integrations/${aws_apigatewayv2_integration.function.id}"
}

resource "aws_lambda_permission" "api_azure" {
  count = local.azure

  statement_id  = "ThisApiAzureRouteOnly"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/POST/push-azure"
}

resource "aws_apigatewayv2_integration" "function" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.this.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 10000
}

resource "aws_apigatewayv2_route" "push" {
  api_id             = aws_apigatewayv2_api.this.id
  route_key          = local.route
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.google.id
  target             = "integrations/${aws_apigatewayv2_integration.function.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true
  tags        = var.tags

  default_route_settings {
    throttling_rate_limit  = var.throttle.rate_per_second
    throttling_burst_limit = var.throttle.burst
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId = "$context.requestId", ip = "$context.identity.sourceIp", time = "$context.requestTime"
      route     = "$context.routeKey", status = "$context.status", authorizerError = "$context.authorizer.error"
      subject   = "$context.authorizer.claims.sub", integrationError = "$context.integrationErrorMessage"
    })
  }
}

resource "aws_lambda_function" "this" {
  #checkov:skip=CKV_AWS_116:Invoked synchronously by API Gateway only: a failed put answers 5xx and Pub/Sub keeps and retries the message; a dead-letter queue serves asynchronous invocations, which never happen
  #checkov:skip=CKV_AWS_117:Reaches only the Firehose API and holds no data at rest; a VPC would add an endpoint or NAT and protect nothing
  #checkov:skip=CKV_AWS_115:No reserved concurrency by default: Lambda refuses a reservation that leaves the account under 100 unreserved executions (young accounts have quotas of 10 or 50); the API stage's throttle (50 rps, burst 100) bounds the load and Pub/Sub retries a 429 with backoff. Set throttle.concurrency to reserve
  #checkov:skip=CKV_AWS_272:The package is built by mcai from handler.py beside it (reviewed in the pull request) and pinned by source_code_hash; code signing would need a signing profile the spec does not have
  function_name                  = local.function_name
  description                    = "Admits only the pusher service account's tokens and puts GCP audit log entries into the log store's stream (mcai)"
  role                           = aws_iam_role.function.arn
  filename                       = local.package
  source_code_hash               = filebase64sha256(local.package)
  handler                        = "handler.handler"
  runtime                        = "python3.13"
  architectures                  = ["arm64"]
  memory_size                    = 128
  timeout                        = 10
  reserved_concurrent_executions = var.throttle.concurrency
  kms_key_arn                    = aws_kms_key.receiver.arn
  tags                           = var.tags

  environment {
    variables = {
      AUDIENCE        = var.audience
      PUSHER_EMAIL    = var.pusher_email
      PUSHER_SUBJECT  = var.pusher_subject == null ? "" : var.pusher_subject
      SUBSCRIPTION    = var.subscription
      DELIVERY_STREAM = aws_kinesis_firehose_delivery_stream.this.name
      AZURE_TENANT    = try(var.azure.tenant_id, "")
      AZURE_AUDIENCE  = try(var.azure.audience, "")
      AZURE_PRINCIPAL = try(coalesce(var.azure.principal_id, ""), "")
      AZURE_STREAM    = try(aws_kinesis_firehose_delivery_stream.azure[0].name, "")
    }
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.function]
}

resource "aws_lambda_permission" "api" {
  statement_id  = "ThisApiRouteOnly"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/POST/push"
}

resource "aws_iam_role" "function" {
  name = local.function_name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

# Exactly its streams to put into, its own log group, its environment key, and X-Ray (which has no resource scope).
resource "aws_iam_role_policy" "function" {
  name = "put-into-the-stream"
  role = aws_iam_role.function.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "PutIntoTheStreams", Effect = "Allow", Action = ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource = local.streams },
      { Sid = "WriteItsLog", Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "${aws_cloudwatch_log_group.function.arn}:*" },
      { Sid = "ReadItsEnvironment", Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.receiver.arn },
      { Sid = "SendTraces", Effect = "Allow", Action = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource = "*" },
    ]
  })
}

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.receiver.arn
  tags              = var.tags
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.receiver.arn
  tags              = var.tags
}

# The receiver's own key: its logs, the function's environment and the stream's buffer. The log store's files use
# the log store's key (log_kms_key_arn).
resource "aws_kms_key" "receiver" {
  description             = "Logs, environment and stream buffer of audit receiver ${var.name} (managed by mcai)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = var.tags
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersKey"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsEncryptsTheReceiversLogs"
        Effect    = "Allow"
        Principal = { Service = "logs.${var.region}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = { ArnEquals = { "kms:EncryptionContext:aws:logs:arn" = local.log_group_arns } }
      },
    ]
  })

  # The receiver's logs (who pushed, what was refused) are encrypted with it: losing the key loses that record.
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_kms_alias" "receiver" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.receiver.key_id
}
