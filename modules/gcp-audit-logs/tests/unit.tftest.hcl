mock_provider "google" {}

variables {
  project_id = "acme-ai-prod"
  services   = ["aiplatform.googleapis.com", "bigquery.googleapis.com"]
}

run "writes_data_read_and_write_for_each_service" {
  command = plan

  assert {
    condition     = length(google_project_iam_audit_config.this) == 2
    error_message = "One audit config per service."
  }

  assert {
    condition     = toset([for c in google_project_iam_audit_config.this["aiplatform.googleapis.com"].audit_log_config : c.log_type]) == toset(["DATA_READ", "DATA_WRITE"])
    error_message = "Vertex AI predictions (DATA_READ) and writes (DATA_WRITE) must be logged."
  }
}

run "unknown_log_type_is_rejected" {
  command = plan

  variables {
    log_types = ["DATA_READ", "EVERYTHING"]
  }

  expect_failures = [var.log_types]
}

run "bad_service_name_is_rejected" {
  command = plan

  variables {
    services = ["bigquery"]
  }

  expect_failures = [var.services]
}
