# Model invocation logging: one configuration per account and region. Bedrock writes to S3 under a bucket policy
# scoped to this account's Bedrock resources, and to CloudWatch through a role it assumes.

resource "aws_s3_bucket" "invocation_logs" {
  count = local.log_to_s3 ? 1 : 0

  bucket = local.logging.bucket_name
  tags   = var.tags
}

resource "aws_s3_bucket_public_access_block" "invocation_logs" {
  count = local.log_to_s3 ? 1 : 0

  bucket                  = aws_s3_bucket.invocation_logs[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "invocation_logs" {
  count = local.log_to_s3 ? 1 : 0

  bucket = aws_s3_bucket.invocation_logs[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "invocation_logs" {
  count = local.log_to_s3 ? 1 : 0

  bucket = aws_s3_bucket.invocation_logs[0].id

  rule {
    id     = "expire-invocation-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = local.logging.retention_days
    }
  }
}

resource "aws_s3_bucket_policy" "invocation_logs" {
  count = local.log_to_s3 ? 1 : 0

  bucket = aws_s3_bucket.invocation_logs[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "BedrockInvocationLogs"
        Effect    = "Allow"
        Principal = { Service = "bedrock.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.invocation_logs[0].arn}/*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = local.logging.account_id }
          ArnLike      = { "aws:SourceArn" = local.bedrock_resource }
        }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.invocation_logs[0].arn, "${aws_s3_bucket.invocation_logs[0].arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.invocation_logs]
}

resource "aws_cloudwatch_log_group" "invocation_logs" {
  count = local.log_to_cw ? 1 : 0

  name              = local.logging.log_group_name
  retention_in_days = local.logging.retention_days
  tags              = var.tags
}

resource "aws_iam_role" "invocation_logging" {
  count = local.log_to_cw ? 1 : 0

  name = "${var.name_prefix}-bedrock-logging"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.logging.account_id }
        ArnLike      = { "aws:SourceArn" = local.bedrock_resource }
      }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "invocation_logging" {
  count = local.log_to_cw ? 1 : 0

  name = "write-invocation-logs"
  role = aws_iam_role.invocation_logging[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.invocation_logs[0].arn}:log-stream:*"
    }]
  })
}

resource "aws_bedrock_model_invocation_logging_configuration" "this" {
  count = local.logging != null ? 1 : 0

  logging_config {
    text_data_delivery_enabled      = true
    image_data_delivery_enabled     = true
    embedding_data_delivery_enabled = true

    dynamic "s3_config" {
      for_each = local.log_to_s3 ? [1] : []

      content {
        bucket_name = aws_s3_bucket.invocation_logs[0].id
        key_prefix  = "bedrock"
      }
    }

    dynamic "cloudwatch_config" {
      for_each = local.log_to_cw ? [1] : []

      content {
        log_group_name = aws_cloudwatch_log_group.invocation_logs[0].name
        role_arn       = aws_iam_role.invocation_logging[0].arn
      }
    }
  }

  depends_on = [aws_s3_bucket_policy.invocation_logs, aws_iam_role_policy.invocation_logging]
}
