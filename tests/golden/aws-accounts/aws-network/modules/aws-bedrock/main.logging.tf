# Model invocation logging: one configuration per account and region. Bedrock writes to S3 under a bucket policy
# scoped to this account's Bedrock resources, and to CloudWatch through a role it assumes. The logs hold prompts and
# completions (personal data): versioned, expired on schedule, and encrypted with a customer-managed key on request.

resource "aws_s3_bucket" "invocation_logs" {
  count = local.log_to_s3 ? 1 : 0

  #checkov:skip=CKV_AWS_19:Always encrypted: SSE-S3, or SSE-KMS with this module's key (a conditional checkov cannot evaluate)
  #checkov:skip=CKV_AWS_145:SSE-S3 unless invocation_logging.customer_managed_key asks for a KMS key (then SSE-KMS)
  #checkov:skip=CKV_AWS_18:Bedrock writes here; reads are audited by CloudTrail data events, not a second log bucket
  #checkov:skip=CKV_AWS_144:Cross-region replication of logs is a disaster-recovery choice the spec does not make
  #checkov:skip=CKV2_AWS_62:Nothing consumes object events; logs are read on demand
  bucket = local.logging.bucket_name
  tags   = var.tags
}

resource "aws_s3_bucket_versioning" "invocation_logs" {
  count = local.log_to_s3 ? 1 : 0

  bucket = aws_s3_bucket.invocation_logs[0].id

  versioning_configuration {
    status = "Enabled"
  }
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
      sse_algorithm     = local.logs_cmk ? "aws:kms" : "AES256"
      kms_master_key_id = local.logs_key_arn
    }
    bucket_key_enabled = local.logs_cmk
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

    # Versioning keeps overwritten or deleted logs as noncurrent versions: they expire after a day, not never.
    noncurrent_version_expiration {
      noncurrent_days = 1
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.invocation_logs]
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

  #checkov:skip=CKV_AWS_158:AWS-owned encryption unless invocation_logging.customer_managed_key asks for a KMS key
  name              = local.logging.log_group_name
  retention_in_days = local.logging.retention_days
  kms_key_id        = local.logs_key_arn
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

# A customer-managed key for both log destinations, when asked: the account administers it, CloudWatch Logs may use
# it for this log group only, Bedrock for its deliveries from this account only. Rotated yearly.
resource "aws_kms_key" "invocation_logs" {
  count = local.logs_cmk ? 1 : 0

  description             = "Bedrock invocation logs of ${var.name_prefix} (managed by mcai)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = var.tags
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid       = "AccountAdministersKey"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.logging.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "BedrockDeliversLogs"
        Effect    = "Allow"
        Principal = { Service = "bedrock.amazonaws.com" }
        Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = local.logging.account_id }
          ArnLike      = { "aws:SourceArn" = local.bedrock_resource }
        }
      },
      ], local.log_to_cw ? [{
        Sid       = "CloudWatchLogsEncryptsLogGroup"
        Effect    = "Allow"
        Principal = { Service = "logs.${local.logging.region}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnEquals = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:${local.logging.region}:${local.logging.account_id}:log-group:${local.logging.log_group_name}"
          }
        }
    }] : [])
  })
}

resource "aws_kms_alias" "invocation_logs" {
  count = local.logs_cmk ? 1 : 0

  name          = "alias/${var.name_prefix}-bedrock-logs"
  target_key_id = aws_kms_key.invocation_logs[0].key_id
}
