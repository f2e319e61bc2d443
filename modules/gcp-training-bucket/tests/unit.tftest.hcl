mock_provider "google" {
  mock_data "google_storage_project_service_account" {
    override_during = plan
    defaults = {
      member = "serviceAccount:service-123456789012@gs-project-accounts.iam.gserviceaccount.com"
    }
  }
}

variables {
  project_id  = "acme-ai-prod"
  bucket_name = "support-assistant-prod-training-123456789012"
  location    = "us-east4"
  readers     = { trainer = "serviceAccount:trainer-prod@acme-ai-prod.iam.gserviceaccount.com" }
}

run "private_versioned_bucket" {
  command = plan

  assert {
    condition     = google_storage_bucket.this.public_access_prevention == "enforced" && google_storage_bucket.this.uniform_bucket_level_access
    error_message = "Training data is never public and has no per-object ACLs."
  }

  assert {
    condition     = google_storage_bucket.this.versioning[0].enabled
    error_message = "Versioning keeps overwritten training data recoverable."
  }

  assert {
    condition     = google_storage_bucket_iam_member.readers["trainer"].role == "roles/storage.objectViewer"
    error_message = "Readers may only read objects."
  }

  assert {
    condition     = length(google_kms_crypto_key_iam_member.storage) == 0
    error_message = "No key, no key grant."
  }
}

run "cmek_grants_the_storage_agent" {
  command = plan

  variables {
    kms_key_name = "projects/acme-kms/locations/us-east4/keyRings/ai/cryptoKeys/gcs"
  }

  assert {
    condition     = google_storage_bucket.this.encryption[0].default_kms_key_name == "projects/acme-kms/locations/us-east4/keyRings/ai/cryptoKeys/gcs"
    error_message = "The bucket must use the given key."
  }

  assert {
    condition     = google_kms_crypto_key_iam_member.storage[0].member == "serviceAccount:service-123456789012@gs-project-accounts.iam.gserviceaccount.com"
    error_message = "The Storage service agent must be allowed to use the key."
  }
}

run "bad_bucket_name_is_rejected" {
  command = plan

  variables {
    bucket_name = "Training_Data"
  }

  expect_failures = [var.bucket_name]
}
