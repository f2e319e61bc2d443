mock_provider "google" {
  mock_data "google_storage_transfer_project_service_account" {
    defaults = {
      member     = "serviceAccount:project-123456789012@storage-transfer-service.iam.gserviceaccount.com"
      subject_id = "104158963345632159874"
    }
  }
}

variables {
  project_id  = "acme-ai-prod"
  bucket_name = "acme-prod-audit-logs-123456789012"
  location    = "us-east4"
  aws_trails = {
    aws = {
      bucket_name = "acme-prod-audit-trail-111122223333"
      path        = "AWSLogs/111122223333/"
      role_arn    = "arn:aws:iam::111122223333:role/acme-prod-audit-transfer"
    }
  }
}

run "copies_the_trail_through_the_federated_role_into_a_private_bucket" {
  command = plan

  assert {
    condition     = google_storage_transfer_job.aws_trail["aws"].transfer_spec[0].aws_s3_data_source[0].role_arn == "arn:aws:iam::111122223333:role/acme-prod-audit-transfer" && length(google_storage_transfer_job.aws_trail["aws"].transfer_spec[0].aws_s3_data_source[0].aws_access_key) == 0
    error_message = "The source is read through the federated role, never an access key."
  }

  assert {
    condition     = google_storage_transfer_job.aws_trail["aws"].transfer_spec[0].transfer_options[0].overwrite_objects_already_existing_in_sink == false && google_storage_transfer_job.aws_trail["aws"].transfer_spec[0].transfer_options[0].delete_objects_unique_in_sink == false
    error_message = "Landed log files are never overwritten or deleted by the transfer."
  }

  assert {
    condition     = google_storage_transfer_job.aws_trail["aws"].transfer_spec[0].gcs_data_sink[0].path == "aws/${google_storage_transfer_job.aws_trail["aws"].transfer_spec[0].aws_s3_data_source[0].path}"
    error_message = "Each account's files must land under aws/AWSLogs/<account id>/: the source prefix is stripped on copy."
  }

  assert {
    condition     = google_storage_bucket.this.public_access_prevention == "enforced" && google_storage_bucket.this.uniform_bucket_level_access && google_storage_bucket.this.versioning[0].enabled
    error_message = "The store is private, uniformly governed and versioned."
  }

  assert {
    condition     = toset([for m in google_storage_bucket_iam_member.transfer : m.member]) == toset(["serviceAccount:project-123456789012@storage-transfer-service.iam.gserviceaccount.com"])
    error_message = "Only the project's transfer service agent is granted on the bucket."
  }

  assert {
    condition     = output.transfer_subject_id == "104158963345632159874"
    error_message = "The agent's subject id is handed to the AWS role's trust."
  }
}

run "a_role_that_is_not_a_role_is_rejected" {
  command = plan

  variables {
    aws_trails = {
      aws = {
        bucket_name = "acme-prod-audit-trail-111122223333"
        path        = "AWSLogs/111122223333/"
        role_arn    = "acme-prod-audit-transfer"
      }
    }
  }

  expect_failures = [var.aws_trails]
}

run "copies_azure_containers_as_the_federated_app_only" {
  command = plan

  variables {
    aws_trails = {}
    azure_logs = {
      azure = {
        storage_account = "stsupportprodaudit"
        containers      = ["insights-logs-audit", "insights-logs-requestresponse"]
        tenant_id       = "11111111-1111-1111-1111-111111111111"
        client_id       = "22222222-2222-2222-2222-222222222222"
      }
    }
  }

  assert {
    condition     = length(google_storage_transfer_job.azure_logs) == 2 && alltrue([for j in google_storage_transfer_job.azure_logs : j.transfer_spec[0].azure_blob_storage_data_source[0].federated_identity_config[0].client_id == "22222222-2222-2222-2222-222222222222" && length(j.transfer_spec[0].azure_blob_storage_data_source[0].azure_credentials) == 0 && j.transfer_spec[0].azure_blob_storage_data_source[0].credentials_secret == null])
    error_message = "One job per container, each signing in as the federated application: no SAS token, no secret."
  }

  assert {
    condition     = google_storage_transfer_job.azure_logs["azure/insights-logs-audit"].transfer_spec[0].gcs_data_sink[0].path == "azure/insights-logs-audit/"
    error_message = "Azure's files land under azure/<container>/."
  }

  assert {
    condition     = google_storage_transfer_job.azure_logs["azure/insights-logs-audit"].transfer_spec[0].transfer_options[0].overwrite_when == "DIFFERENT" && !google_storage_transfer_job.azure_logs["azure/insights-logs-audit"].transfer_spec[0].transfer_options[0].delete_objects_unique_in_sink
    error_message = "An hourly file appended since its last copy is copied again; nothing is deleted."
  }
}

run "no_azure_job_until_the_client_id_is_handed_over" {
  command = plan

  variables {
    azure_logs = {
      azure = {
        storage_account = "stsupportprodaudit"
        containers      = ["insights-logs-audit"]
        tenant_id       = "11111111-1111-1111-1111-111111111111"
      }
    }
  }

  assert {
    condition     = length(google_storage_transfer_job.azure_logs) == 0 && length(google_storage_transfer_job.aws_trail) == 1
    error_message = "Without the application's client id no Azure job exists; the AWS copy is unaffected."
  }
}
