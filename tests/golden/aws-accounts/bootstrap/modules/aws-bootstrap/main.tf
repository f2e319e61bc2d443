# The control plane's bootstrap on AWS: the S3 bucket that holds every stack's Terraform state (versioned, encrypted
# with its own rotated KMS key, public access blocked, TLS only; locking is S3-native, a `.tflock` object next to
# each state, so no DynamoDB table) and one IAM role per CI pipeline, assumed with the pipeline's own OIDC token
# (GitHub Actions or GitLab): no access key exists anywhere. Each role admits exactly one token subject (one
# repository and one branch or environment) and gets state access under this estate's prefix only: a plan role may
# read state and take the lock, an apply role may also write state. Its rights on the estate's resources are the
# managed policies it is given, nothing else.

data "aws_caller_identity" "this" {}

data "aws_partition" "this" {}

locals {
  state_objects = "${aws_s3_bucket.state.arn}/${var.state_key_prefix}*"
  lock_objects  = "${aws_s3_bucket.state.arn}/${var.state_key_prefix}*.tflock"
  attachments = merge([for role, r in var.ci_roles : {
    for arn in r.managed_policy_arns : "${role} ${arn}" => { role = role, arn = arn }
  }]...)
}

resource "aws_kms_key" "state" {
  description             = "Terraform state of ${var.state_bucket_name} (managed by mcai)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  # The account administers the key through IAM (the default key policy, written out so it is reviewed); the CI
  # roles get kms:Decrypt/GenerateDataKey on it through their own policies.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountAdministersThroughIam"
      Effect    = "Allow"
      Principal = { AWS = "arn:${data.aws_partition.this.partition}:iam::${data.aws_caller_identity.this.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
  tags = var.tags
}

resource "aws_s3_bucket" "state" {
  #checkov:skip=CKV_AWS_18:State reads and writes are audited by CloudTrail data events; access logs would need a second bucket
  #checkov:skip=CKV_AWS_144:Cross-region replication of state is a disaster-recovery choice the spec does not make
  #checkov:skip=CKV2_AWS_62:Nothing consumes state object events
  bucket = var.state_bucket_name
  tags   = var.tags

  # Every stack's state: losing it orphans every resource of the estate.
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_ownership_controls" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.state.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

# Old state versions are how a bad apply is undone; they expire after noncurrent_version_days so the bucket does not
# grow without bound, and abandoned multipart uploads are cleaned up.
resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    id     = "expire-old-state-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.state]
}

# TLS only, and no object written with SSE-S3 instead of the bucket's key (the s3 backend's `encrypt = true`
# without kms_key_id asks for SSE-S3, so the backends leave `encrypt` unset and the bucket default applies).
resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.state.arn, "${aws_s3_bucket.state.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }, {
      Sid       = "DenySseS3Uploads"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.state.arn}/*"
      Condition = { StringEquals = { "s3:x-amz-server-side-encryption" = "AES256" } }
    }]
  })

  depends_on = [aws_s3_bucket_public_access_block.state]
}

resource "aws_iam_role" "ci" {
  for_each = var.ci_roles

  name                 = each.value.name
  description          = "CI ${each.key} (${each.value.access}): ${each.value.subject} (managed by mcai)"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = each.value.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${trimprefix(each.value.issuer, "https://")}:aud" = "sts.amazonaws.com"
          "${trimprefix(each.value.issuer, "https://")}:sub" = each.value.subject
        }
      }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "state" {
  for_each = var.ci_roles

  name = "terraform-state"
  role = aws_iam_role.ci[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ListThisEstatesState"
      Effect    = "Allow"
      Action    = "s3:ListBucket"
      Resource  = aws_s3_bucket.state.arn
      Condition = { StringLike = { "s3:prefix" = ["${var.state_key_prefix}*"] } }
      }, {
      Sid      = "ReadState"
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = local.state_objects
      }, {
      Sid      = each.value.access == "apply" ? "WriteStateAndLock" : "TakeTheLockOnly"
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:DeleteObject"]
      Resource = each.value.access == "apply" ? local.state_objects : local.lock_objects
      }, {
      Sid      = "UseTheStateKey"
      Effect   = "Allow"
      Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource = aws_kms_key.state.arn
    }]
  })
}

resource "aws_iam_role_policy_attachment" "ci" {
  for_each = local.attachments

  role       = aws_iam_role.ci[each.value.role].name
  policy_arn = each.value.arn
}
