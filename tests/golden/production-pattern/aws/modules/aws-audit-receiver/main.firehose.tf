# The stream batches entries into gzip files under the prefix of the log store, encrypted with the log store's key.
# Its writer role may put objects under that prefix (and azure/, for Azure's stream) and nothing else; the log store
# admits no other writer there.

resource "aws_kinesis_firehose_delivery_stream" "this" {
  name        = var.name
  destination = "extended_s3"
  tags        = var.tags

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = aws_kms_key.receiver.arn
  }

  extended_s3_configuration {
    role_arn            = aws_iam_role.writer.arn
    bucket_arn          = var.log_bucket_arn
    prefix              = "${var.prefix}!{timestamp:yyyy/MM/dd/HH}/"
    error_output_prefix = "${var.prefix}errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/"
    buffering_size      = 5
    buffering_interval  = 300
    compression_format  = "GZIP"
    kms_key_arn         = var.log_kms_key_arn

    cloudwatch_logging_options {
      enabled         = true
      log_group_name  = aws_cloudwatch_log_group.delivery.name
      log_stream_name = aws_cloudwatch_log_stream.delivery.name
    }
  }

  depends_on = [aws_iam_role_policy.writer]
}

# Azure's rows: the same store, key and writer, under azure/ (a stream has one prefix).
resource "aws_kinesis_firehose_delivery_stream" "azure" {
  count = local.azure

  name        = "${var.name}-azure"
  destination = "extended_s3"
  tags        = var.tags

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = aws_kms_key.receiver.arn
  }

  extended_s3_configuration {
    role_arn            = aws_iam_role.writer.arn
    bucket_arn          = var.log_bucket_arn
    prefix              = "${local.azure_prefix}!{timestamp:yyyy/MM/dd/HH}/"
    error_output_prefix = "${local.azure_prefix}errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/"
    buffering_size      = 5
    buffering_interval  = 300
    compression_format  = "GZIP"
    kms_key_arn         = var.log_kms_key_arn

    cloudwatch_logging_options {
      enabled         = true
      log_group_name  = aws_cloudwatch_log_group.delivery.name
      log_stream_name = aws_cloudwatch_log_stream.delivery_azure[0].name
    }
  }

  depends_on = [aws_iam_role_policy.writer]
}

resource "aws_iam_role" "writer" {
  name = "${var.name}-writer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "firehose.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = var.account_id } }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "writer" {
  name = "write-under-the-prefix"
  role = aws_iam_role.writer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "FindTheBucket"
        Effect   = "Allow"
        Action   = ["s3:GetBucketLocation", "s3:ListBucketMultipartUploads"]
        Resource = var.log_bucket_arn
      },
      {
        Sid      = "WriteUnderThePrefix"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:AbortMultipartUpload"]
        Resource = [for p in local.prefixes : "${var.log_bucket_arn}/${p}*"]
      },
      {
        Sid      = "EncryptWithTheLogStoresKey"
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource = var.log_kms_key_arn
        Condition = {
          StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" }
          StringLike   = { "kms:EncryptionContext:aws:s3:arn" = concat([var.log_bucket_arn], [for p in local.prefixes : "${var.log_bucket_arn}/${p}*"]) }
        }
      },
      {
        Sid      = "LogDeliveryErrors"
        Effect   = "Allow"
        Action   = "logs:PutLogEvents"
        Resource = [for s in concat([aws_cloudwatch_log_stream.delivery], aws_cloudwatch_log_stream.delivery_azure) : "${aws_cloudwatch_log_group.delivery.arn}:log-stream:${s.name}"]
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "delivery" {
  name              = "/aws/kinesisfirehose/${var.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.receiver.arn
  tags              = var.tags
}

resource "aws_cloudwatch_log_stream" "delivery" {
  name           = "S3Delivery"
  log_group_name = aws_cloudwatch_log_group.delivery.name
}

resource "aws_cloudwatch_log_stream" "delivery_azure" {
  count = local.azure

  name           = "AzureS3Delivery"
  log_group_name = aws_cloudwatch_log_group.delivery.name
}
