mock_provider "google" {
  mock_resource "google_service_account" {
    override_during = plan
    defaults = {
      email  = "router-prod@acme-ai-prod.iam.gserviceaccount.com"
      member = "serviceAccount:router-prod@acme-ai-prod.iam.gserviceaccount.com"
      name   = "projects/acme-ai-prod/serviceAccounts/router-prod@acme-ai-prod.iam.gserviceaccount.com"
    }
  }
}

variables {
  project_id    = "acme-ai-prod"
  account_id    = "router-prod"
  display_name  = "inference-router"
  project_roles = ["roles/aiplatform.user"]
}

run "grants_exactly_the_given_roles" {
  command = plan

  assert {
    condition     = keys(google_project_iam_member.this) == ["roles/aiplatform.user"]
    error_message = "Only the requested project roles are granted."
  }

  assert {
    condition     = google_project_iam_member.this["roles/aiplatform.user"].member == "serviceAccount:router-prod@acme-ai-prod.iam.gserviceaccount.com"
    error_message = "Roles go to the service account itself."
  }

  assert {
    condition     = length(google_service_account_iam_member.workload_identity) == 0
    error_message = "Without federation members nobody may impersonate the service account."
  }
}

run "accepts_a_principal_set_for_impersonation" {
  command = plan

  variables {
    workload_identity_members = {
      router = "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/aws/attribute.aws_role/arn:aws:sts::111122223333:assumed-role/router"
    }
  }

  assert {
    condition     = google_service_account_iam_member.workload_identity["router"].role == "roles/iam.workloadIdentityUser"
    error_message = "Federated principals get only roles/iam.workloadIdentityUser."
  }
}

run "primitive_roles_are_rejected" {
  command = plan

  variables {
    project_roles = ["roles/editor"]
  }

  expect_failures = [var.project_roles]
}

run "non_federated_members_are_rejected" {
  command = plan

  variables {
    workload_identity_members = { someone = "user:someone@example.com" }
  }

  expect_failures = [var.workload_identity_members]
}

run "short_account_id_is_rejected" {
  command = plan

  variables {
    account_id = "abc"
  }

  expect_failures = [var.account_id]
}
