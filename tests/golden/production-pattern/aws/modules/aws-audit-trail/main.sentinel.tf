# Microsoft Sentinel's Amazon Web Services S3 connector reads the log files keylessly: the bucket announces each new
# CloudTrail file on an SQS queue, and Sentinel, with a token from Microsoft's own Entra tenant (the IAM OIDC provider
# passed in), assumes a role to receive the message, read the file and decrypt it. Every Sentinel workspace of every
# tenant gets a token with the same issuer and audience, so the audience alone would admit all of them: the role also
# requires the session name Sentinel sets for THIS workspace (MicrosoftSentinel_<workspace id>; since March 2025 the
# service sends MicrosoftDefenderForClouds_<workspace id>, so both are admitted, each for this workspace only).

locals {
  sentinel        = var.sentinel != null
  sentinel_role   = try(var.sentinel.workspace_id, null) != null
  trail_prefix    = "${local.log_prefix}CloudTrail/"
  sentinel_issuer = try(replace(var.sentinel.oidc_provider_arn, "/^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider\\//", ""), "")
}

# SSE-SQS: the messages hold object keys only, and S3 can send to a queue encrypted with SQS-owned keys (not to one
# under the AWS-managed SQS KMS key). Fourteen days (the maximum) keep what the trail writes before the role exists.
resource "aws_sqs_queue" "sentinel" {
  count = local.sentinel ? 1 : 0

  name                      = var.sentinel.queue_name
  sqs_managed_sse_enabled   = true
  message_retention_seconds = 1209600
  tags                      = var.tags
}

resource "aws_sqs_queue_policy" "sentinel" {
  count = local.sentinel ? 1 : 0

  queue_url = aws_sqs_queue.sentinel[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "TrailBucketSendsObjectEvents"
        Effect    = "Allow"
        Principal = { Service = "s3.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.sentinel[0].arn
        Condition = {
          ArnEquals    = { "aws:SourceArn" = aws_s3_bucket.this.arn }
          StringEquals = { "aws:SourceAccount" = var.account_id }
        }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "sqs:*"
        Resource  = aws_sqs_queue.sentinel[0].arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

# CloudTrail's log files only (its digest files, under CloudTrail-Digest/, are not events).
resource "aws_s3_bucket_notification" "sentinel" {
  count = local.sentinel ? 1 : 0

  bucket = aws_s3_bucket.this.id

  queue {
    id            = "sentinel-cloudtrail"
    queue_arn     = aws_sqs_queue.sentinel[0].arn
    events        = ["s3:ObjectCreated:*"]
    filter_prefix = local.trail_prefix
    filter_suffix = ".json.gz"
  }

  depends_on = [aws_sqs_queue_policy.sentinel]
}

resource "aws_iam_role" "sentinel" {
  count = local.sentinel_role ? 1 : 0

  name = var.sentinel.role_name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = var.sentinel.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.sentinel_issuer}:aud" = var.sentinel.audience
          "sts:RoleSessionName" = [
            "MicrosoftDefenderForClouds_${var.sentinel.workspace_id}",
            "MicrosoftSentinel_${var.sentinel.workspace_id}",
          ]
        }
      }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "sentinel" {
  count = local.sentinel_role ? 1 : 0

  name = "ingest-cloudtrail"
  role = aws_iam_role.sentinel[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReceiveTheAnnouncements"
        Effect   = "Allow"
        Action   = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage"]
        Resource = aws_sqs_queue.sentinel[0].arn
      },
      {
        Sid      = "ReadTheTrailFiles"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "${aws_s3_bucket.this.arn}/${local.trail_prefix}*"
      },
      {
        Sid       = "DecryptThroughS3"
        Effect    = "Allow"
        Action    = "kms:Decrypt"
        Resource  = aws_kms_key.this.arn
        Condition = { StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" } }
      },
    ]
  })
}
