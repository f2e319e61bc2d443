# Google's Storage Transfer Service reads the log files keylessly: it assumes this role with a Google-signed token
# (web identity federation with accounts.google.com) whose subject is the control-plane project's transfer service
# agent, and nothing else may. The role may list and read this account's log files and decrypt them through S3.

locals {
  google_transfer = try(var.google_transfer.subject_id, null) != null
  readers         = concat(var.reader_role_arns, local.google_transfer ? [aws_iam_role.google_transfer[0].arn] : [])
}

resource "aws_iam_role" "google_transfer" {
  count = local.google_transfer ? 1 : 0

  name = var.google_transfer.role_name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "accounts.google.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "accounts.google.com:sub" = var.google_transfer.subject_id } }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "google_transfer" {
  count = local.google_transfer ? 1 : 0

  name = "read-audit-logs"
  role = aws_iam_role.google_transfer[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ListTheLogs"
        Effect    = "Allow"
        Action    = "s3:ListBucket"
        Resource  = aws_s3_bucket.this.arn
        Condition = { StringLike = { "s3:prefix" = ["${local.log_prefix}*"] } }
      },
      {
        Sid      = "ReadTheLogs"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "${aws_s3_bucket.this.arn}/${local.log_prefix}*"
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
