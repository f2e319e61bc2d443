# The stream batches entries into gzip files under the prefix of the log store, encrypted with the log store's key.
# Its writer role may put objects under that prefix and nothing else; the log store admits no other writer there.

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
        Resource = "${var.log_bucket_arn}/${var.prefix}*"
      },
      {
        Sid      = "EncryptWithTheLogStoresKey"
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource = var.log_kms_key_arn
        Condition = {
          StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" }
          StringLike   = { "kms:EncryptionContext:aws:s3:arn" = [var.log_bucket_arn, "${var.log_bucket_arn}/${var.prefix}*"] }
        }
      },
      {
        Sid      = "LogDeliveryErrors"
        Effect   = "Allow"
        Action   = "logs:PutLogEvents"
        Resource = "${aws_cloudwatch_log_group.delivery.arn}:log-stream:${aws_cloudwatch_log_stream.delivery.name}"
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
