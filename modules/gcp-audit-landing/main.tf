# The control plane's log store on GCP, and the keyless copies of the other clouds' audit logs into it. Storage
# Transfer Service reads as the project's transfer service agent, whose Google-signed token the source trusts for that
# agent's subject id only: AWS through an IAM role trusting accounts.google.com, Azure through an Entra ID application
# whose federated credential trusts https://accounts.google.com (no access key, SAS token or secret anywhere). AWS's
# files keep their AWSLogs/<account>/CloudTrail/<region>/ layout under aws/; Azure's keep their
# insights-logs-<category>/resourceId=/... layout under azure/.

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

locals {
  # One job per exported container of each Azure stack whose application's client id has been handed over.
  azure_jobs = { for job in flatten([for stack, a in var.azure_logs : [
    for c in a.containers : merge(a, { key = "${stack}/${c}", container = c })
  ] if a.client_id != null]) : job.key => job }
}

resource "google_storage_transfer_job" "azure_logs" {
  for_each = local.azure_jobs

  project     = var.project_id
  description = "Azure diagnostic logs ${each.value.storage_account}/${each.value.container} into ${var.bucket_name} (keyless, federated app)"
  status      = "ENABLED"

  transfer_spec {
    azure_blob_storage_data_source {
      storage_account = each.value.storage_account
      container       = each.value.container

      federated_identity_config {
        client_id = each.value.client_id
        tenant_id = each.value.tenant_id
      }
    }

    # Blob names start with resourceId=/SUBSCRIPTIONS/<id>/..., so accounts sharing a category never collide.
    gcs_data_sink {
      bucket_name = google_storage_bucket.this.name
      path        = "azure/${each.value.container}/"
    }

    # Azure Monitor appends to each hour's PT1H.json during that hour: a file that changed since its last copy is
    # copied again (the bucket keeps the earlier copy as a noncurrent version); nothing is ever deleted.
    transfer_options {
      overwrite_when                            = "DIFFERENT"
      delete_objects_unique_in_sink             = false
      delete_objects_from_source_after_transfer = false
    }
  }

  schedule {
    schedule_start_date {
      year  = 2026
      month = 1
      day   = 1
    }
    repeat_interval = var.repeat_interval
  }

  depends_on = [google_storage_bucket_iam_member.transfer]
}
