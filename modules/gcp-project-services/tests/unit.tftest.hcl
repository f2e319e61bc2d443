mock_provider "google" {}

variables {
  project_id         = "acme-ai-prod"
  services           = ["aiplatform.googleapis.com", "bigquery.googleapis.com"]
  disable_on_destroy = false
}

run "enables_each_api_and_keeps_it_on_destroy" {
  command = plan

  assert {
    condition     = length(google_project_service.this) == 2
    error_message = "One google_project_service per API."
  }

  assert {
    condition     = google_project_service.this["aiplatform.googleapis.com"].disable_on_destroy == false
    error_message = "disable_on_destroy must follow the explicit input."
  }

  assert {
    condition     = google_project_service.this["bigquery.googleapis.com"].disable_dependent_services == false
    error_message = "Never disable dependent services of other workloads."
  }
}

run "bad_service_name_is_rejected" {
  command = plan

  variables {
    services = ["aiplatform"]
  }

  expect_failures = [var.services]
}

run "bad_project_id_is_rejected" {
  command = plan

  variables {
    project_id = "Acme-AI"
  }

  expect_failures = [var.project_id]
}
