# The control plane's log store on GCP, and the keyless copy of AWS's CloudTrail log files into it. Storage Transfer
# Service reads the trail bucket as the project's transfer service agent: AWS admits it through an IAM role that
# trusts accounts.google.com for that agent's subject id only (no access key anywhere). The landed files keep their
# AWSLogs/<account>/CloudTrail/<region>/ layout under aws/, next to the project's own Cloud Audit Logs.

data "google_storage_transfer_project_service_account" "this" {
  project = var.project_id
}

resource "google_storage_bucket" "this" {
  #checkov:skip=CKV_GCP_62:This bucket is the audit store; reads of it are in the project's Data Access audit logs
  project                     = var.project_id
  name                        = var.bucket_name
  location                    = var.location
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  labels                      = var.labels

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      age = var.retention_days
    }
    action {
      type = "Delete"
    }
  }

  # A deleted or overwritten log file stays 30 days as a noncurrent version: long enough to notice tampering.
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 30
    }
    action {
      type = "Delete"
    }
  }

  # Audit records cannot be recreated by Terraform.
  lifecycle {
    prevent_destroy = true
  }
}

# What a transfer sink needs, on this bucket only: list and write objects (legacy bucket writer), read them to compare.
resource "google_storage_bucket_iam_member" "transfer" {
  for_each = toset(["roles/storage.legacyBucketWriter", "roles/storage.objectViewer"])

  bucket = google_storage_bucket.this.name
  role   = each.value
  member = data.google_storage_transfer_project_service_account.this.member
}

# One job per AWS account's trail; each account's files keep their own AWSLogs/<account id>/ prefix, so none overlap.
resource "google_storage_transfer_job" "aws_trail" {
  for_each = var.aws_trails

  project     = var.project_id
  description = "CloudTrail log files of ${each.value.bucket_name} into ${var.bucket_name} (keyless, federated role)"
  status      = "ENABLED"

  transfer_spec {
    aws_s3_data_source {
      bucket_name = each.value.bucket_name
      path        = each.value.path
      role_arn    = each.value.role_arn
    }

    # The source path is a prefix that Storage Transfer strips from each object's name, so the sink repeats it:
    # each account's files land under aws/AWSLogs/<account id>/ as the outputs and README say.
    gcs_data_sink {
      bucket_name = google_storage_bucket.this.name
      path        = "aws/${each.value.path}"
    }

    # Log files are written once: copy new ones, never overwrite or delete what already landed. No age filter on
    # the source: after an outage of the role or the job, the next run still copies every file it missed (listing
    # a year of trail files hourly costs cents in S3 LIST requests).
    transfer_options {
      overwrite_objects_already_existing_in_sink = false
      delete_objects_unique_in_sink              = false
      delete_objects_from_source_after_transfer  = false
    }
  }

  schedule {
    # A fixed day in the past, so the output never depends on the clock: the job starts from its creation on.
    schedule_start_date {
      year  = 2026
      month = 1
      day   = 1
    }
    repeat_interval = var.repeat_interval
  }

  depends_on = [google_storage_bucket_iam_member.transfer]
}
