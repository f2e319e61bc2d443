# A CloudTrail trail for the estate's AWS account: management events (every Bedrock runtime call, InvokeModel and
# Converse, is one) and the Bedrock data events of the resources the estate creates (knowledge-base Retrieve and
# RetrieveAndGenerate, ApplyGuardrail), which no trail logs unless a selector asks. The log files go to a bucket of
# their own: encrypted with a rotated customer-managed key, versioned, TLS only, expired on schedule, and written only
# by this trail (aws:SourceArn), so the bucket holds one trail's records and nothing else.

locals {
  # Known before the trail exists: the bucket and key policies name it, and the trail needs both first.
  trail_arn  = "arn:aws:cloudtrail:${var.region}:${var.account_id}:trail/${var.trail_name}"
  log_prefix = "AWSLogs/${var.account_id}/"
}

resource "aws_cloudtrail" "this" {
  #checkov:skip=CKV_AWS_252:No SNS topic: nothing consumes a per-file notification; readers pull the bucket
  #checkov:skip=CKV2_AWS_10:Log files land in S3 (the audit store readers copy from), not in CloudWatch Logs
  name                          = var.trail_name
  s3_bucket_name                = aws_s3_bucket.this.id
  kms_key_id                    = aws_kms_key.this.arn
  enable_log_file_validation    = true
  is_multi_region_trail         = true
  include_global_service_events = true
  tags                          = var.tags

  advanced_event_selector {
    name = "Management events (Bedrock runtime calls among them)"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }

  dynamic "advanced_event_selector" {
    for_each = sort(tolist(var.bedrock_data_resource_types))

    content {
      name = "Data events of ${advanced_event_selector.value}"

      field_selector {
        field  = "eventCategory"
        equals = ["Data"]
      }

      field_selector {
        field  = "resources.type"
        equals = [advanced_event_selector.value]
      }
    }
  }

  depends_on = [aws_s3_bucket_policy.this, aws_s3_bucket_server_side_encryption_configuration.this]
}

resource "aws_s3_bucket" "this" {
  #checkov:skip=CKV_AWS_18:This bucket is the audit store itself; access to it is recorded by the trail's management events
  #checkov:skip=CKV_AWS_144:Cross-region replication is a disaster-recovery choice the spec does not make
  #checkov:skip=CKV2_AWS_62:Object events go out only where a reader consumes them (the Sentinel queue, main.sentinel.tf); scheduled copies need none
  bucket = var.bucket_name
  tags   = var.tags

  # Audit records cannot be recreated: removing the trail's store is a deliberate act (see the stack README).
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    id     = "expire-audit-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.retention_days
    }

    # A deleted or overwritten log file stays 30 days as a noncurrent version: long enough to notice tampering.
    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid       = "CloudTrailChecksAcl"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.this.arn
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "CloudTrailWritesThisTrailOnly"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.this.arn}/${local.log_prefix}*"
        Condition = {
          StringEquals = { "aws:SourceArn" = local.trail_arn, "s3:x-amz-acl" = "bucket-owner-full-control" }
        }
      },
      {
        # Audit records are never deleted by a caller, whatever IAM grants: not the trail's files, not a landing's.
        # Expiry is unaffected: S3 Lifecycle deletes as the service itself, which bucket policies do not govern (only
        # s3:PutLifecycleConfiguration, which can change the rules, does: AWS's PutBucketLifecycleConfiguration
        # reference). Removing the store on purpose starts by deleting this policy (s3:DeleteBucketPolicy).
        Sid       = "NoOneDeletesAuditRecords"
        Effect    = "Deny"
        Principal = "*"
        Action    = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
        Resource  = [for prefix in concat(["AWSLogs/"], sort(keys(var.landing_writers))) : "${aws_s3_bucket.this.arn}/${prefix}*"]
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      ], [for s in [
        {
          Sid       = "ReadersListTheLogs"
          Effect    = "Allow"
          Principal = { AWS = local.readers }
          Action    = "s3:ListBucket"
          Resource  = aws_s3_bucket.this.arn
          Condition = { StringLike = { "s3:prefix" = ["${local.log_prefix}*"] } }
        },
        {
          Sid       = "ReadersReadTheLogs"
          Effect    = "Allow"
          Principal = { AWS = local.readers }
          Action    = "s3:GetObject"
          Resource  = "${aws_s3_bucket.this.arn}/${local.log_prefix}*"
        },
      ] : s if length(local.readers) > 0], [for prefix, role in var.landing_writers :
      {
        # Whatever IAM grants elsewhere, only the landing's writer role puts objects under its prefix.
        Sid       = "Only${title(trimsuffix(prefix, "/"))}WriterWritesItsPrefix"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.this.arn}/${prefix}*"
        Condition = { StringNotEquals = { "aws:PrincipalArn" = role } }
      }
    ])
  })

  depends_on = [aws_s3_bucket_public_access_block.this]
}

# The key: the account administers it (IAM policies can delegate), CloudTrail may encrypt for this trail only and
# describe it, readers may decrypt through S3 only. Rotated yearly.
resource "aws_kms_key" "this" {
  description             = "CloudTrail log files of trail ${var.trail_name} (managed by mcai)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = var.tags
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid       = "AccountAdministersKey"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudTrailEncryptsThisTrail"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "kms:GenerateDataKey*"
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceArn" = local.trail_arn }
          StringLike   = { "kms:EncryptionContext:aws:cloudtrail:arn" = "arn:aws:cloudtrail:*:${var.account_id}:trail/*" }
        }
      },
      {
        Sid       = "CloudTrailDescribesKey"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "kms:DescribeKey"
        Resource  = "*"
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      ], [for s in [
        {
          Sid       = "ReadersDecryptThroughS3"
          Effect    = "Allow"
          Principal = { AWS = local.readers }
          Action    = "kms:Decrypt"
          Resource  = "*"
          Condition = { StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" } }
        },
      ] : s if length(local.readers) > 0], [for prefix, role in var.landing_writers :
      {
        # A landing's writer encrypts its objects through S3 into this bucket only (its bucket key, or its objects).
        Sid       = "${title(trimsuffix(prefix, "/"))}WriterEncryptsThroughS3"
        Effect    = "Allow"
        Principal = { AWS = role }
        Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource  = "*"
        Condition = {
          StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" }
          StringLike   = { "kms:EncryptionContext:aws:s3:arn" = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/${prefix}*"] }
        }
      }
    ])
  })

  # Every log file is encrypted with this key: losing it makes the whole store unreadable, so it is kept like the bucket.
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.trail_name}"
  target_key_id = aws_kms_key.this.key_id
}
