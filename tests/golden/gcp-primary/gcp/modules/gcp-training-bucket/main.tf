# A Cloud Storage bucket for training data, kept next to Vertex AI so training reads it without crossing clouds:
# uniform bucket-level access, public access prevented, object versioning on, optional customer-managed key (the
# project's Storage service agent is granted use of it). Readers get Storage Object Viewer on this bucket only.

data "google_storage_project_service_account" "this" {
  count = var.kms_key_name == null ? 0 : 1

  project = var.project_id
}

resource "google_kms_crypto_key_iam_member" "storage" {
  count = var.kms_key_name == null ? 0 : 1

  crypto_key_id = var.kms_key_name
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = data.google_storage_project_service_account.this[0].member
}

resource "google_storage_bucket" "this" {
  #checkov:skip=CKV_GCP_62:Reads are audited by Cloud Audit Logs (data access), not a second bucket of usage logs
  project                     = var.project_id
  name                        = var.bucket_name
  location                    = var.location
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  deletion_policy             = var.deletion_policy
  labels                      = var.labels

  versioning {
    enabled = true
  }

  dynamic "encryption" {
    for_each = var.kms_key_name == null ? [] : [var.kms_key_name]
    content {
      default_kms_key_name = encryption.value
    }
  }

  depends_on = [google_kms_crypto_key_iam_member.storage]

  # Training data cannot be recreated by Terraform.
  lifecycle {
    prevent_destroy = true
  }
}

resource "google_storage_bucket_iam_member" "readers" {
  for_each = var.readers

  bucket = google_storage_bucket.this.name
  role   = "roles/storage.objectViewer"
  member = each.value
}
