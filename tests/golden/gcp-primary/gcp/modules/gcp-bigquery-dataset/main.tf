# A BigQuery dataset for analytics and inference logs. Writers get BigQuery Data Editor on this dataset only (no
# project-wide BigQuery role); with a Cloud KMS key, new tables are encrypted with it and the project's BigQuery
# service agent is granted use of that key. Labels come from the provider's default_labels plus `labels`.

locals {
  expiration_ms = var.default_table_expiration_days == null ? null : var.default_table_expiration_days * 86400000
}

data "google_bigquery_default_service_account" "this" {
  count = var.kms_key_name == null ? 0 : 1

  project = var.project_id
}

resource "google_kms_crypto_key_iam_member" "bigquery" {
  count = var.kms_key_name == null ? 0 : 1

  crypto_key_id = var.kms_key_name
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = data.google_bigquery_default_service_account.this[0].member
}

resource "google_bigquery_dataset" "this" {
  project                     = var.project_id
  dataset_id                  = var.dataset_id
  location                    = var.location
  description                 = var.description
  default_table_expiration_ms = local.expiration_ms
  delete_contents_on_destroy  = false
  deletion_policy             = var.deletion_policy
  labels                      = var.labels

  dynamic "default_encryption_configuration" {
    for_each = var.kms_key_name == null ? [] : [var.kms_key_name]
    content {
      kms_key_name = default_encryption_configuration.value
    }
  }

  depends_on = [google_kms_crypto_key_iam_member.bigquery]

  # Analytics cannot be recreated: Terraform refuses to plan its destruction (deletion_policy guards the API call).
  lifecycle {
    prevent_destroy = true
  }
}

resource "google_bigquery_dataset_iam_member" "writers" {
  for_each = var.writers

  project    = var.project_id
  dataset_id = google_bigquery_dataset.this.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = each.value
}
