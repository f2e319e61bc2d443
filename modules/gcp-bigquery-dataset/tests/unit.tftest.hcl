mock_provider "google" {
  mock_data "google_bigquery_default_service_account" {
    override_during = plan
    defaults = {
      member = "serviceAccount:bq-123456789012@bigquery-encryption.iam.gserviceaccount.com"
    }
  }
}

variables {
  project_id = "acme-ai-prod"
  dataset_id = "support_assistant_prod_analytics"
  location   = "us-east4"
  writers    = { inference-router = "serviceAccount:router-prod@acme-ai-prod.iam.gserviceaccount.com" }
}

run "dataset_without_cmek_or_expiry" {
  command = plan

  assert {
    condition     = google_bigquery_dataset.this.default_table_expiration_ms == null
    error_message = "Without an expiration input tables never expire."
  }

  assert {
    condition     = length(google_bigquery_dataset.this.default_encryption_configuration) == 0 && length(google_kms_crypto_key_iam_member.bigquery) == 0
    error_message = "No key, no CMEK configuration and no key grant."
  }

  assert {
    condition     = google_bigquery_dataset_iam_member.writers["inference-router"].role == "roles/bigquery.dataEditor"
    error_message = "Writers get Data Editor on the dataset only."
  }

  assert {
    condition     = google_bigquery_dataset.this.deletion_policy == "PREVENT"
    error_message = "Analytics data is protected from destroy by default."
  }
}

run "cmek_and_expiry" {
  command = plan

  variables {
    default_table_expiration_days = 90
    kms_key_name                  = "projects/acme-kms/locations/us-east4/keyRings/ai/cryptoKeys/bq"
  }

  assert {
    condition     = google_bigquery_dataset.this.default_table_expiration_ms == 7776000000
    error_message = "90 days is 7,776,000,000 ms."
  }

  assert {
    condition     = google_bigquery_dataset.this.default_encryption_configuration[0].kms_key_name == "projects/acme-kms/locations/us-east4/keyRings/ai/cryptoKeys/bq"
    error_message = "The dataset must use the given key."
  }

  assert {
    condition     = google_kms_crypto_key_iam_member.bigquery[0].member == "serviceAccount:bq-123456789012@bigquery-encryption.iam.gserviceaccount.com"
    error_message = "The BigQuery service agent must be allowed to use the key."
  }
}

run "fractional_expiry_is_rejected" {
  command = plan

  variables {
    default_table_expiration_days = 0.5
  }

  expect_failures = [var.default_table_expiration_days]
}

run "uppercase_label_is_rejected" {
  command = plan

  variables {
    labels = { Owner = "platform" }
  }

  expect_failures = [var.labels]
}

run "bad_dataset_id_is_rejected" {
  command = plan

  variables {
    dataset_id = "support-assistant"
  }

  expect_failures = [var.dataset_id]
}
