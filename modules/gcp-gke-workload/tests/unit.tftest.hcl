mock_provider "google" {}

variables {
  project_id      = "acme-ai-prod"
  project_number  = "123456789012"
  namespace       = "router"
  service_account = "router"
  project_roles   = ["roles/aiplatform.user"]
}

run "grants_roles_to_the_kubernetes_service_account" {
  command = plan

  assert {
    condition     = keys(google_project_iam_member.this) == ["roles/aiplatform.user"]
    error_message = "Only the requested project roles are granted."
  }

  assert {
    condition     = google_project_iam_member.this["roles/aiplatform.user"].member == "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-ai-prod.svc.id.goog/subject/ns/router/sa/router"
    error_message = "The principal is the one namespace/service account in the project's GKE workload pool."
  }

  assert {
    condition     = output.member == google_project_iam_member.this["roles/aiplatform.user"].member
    error_message = "Resource-level grants use the same principal."
  }
}

run "no_roles_no_grants" {
  command = plan

  variables {
    project_roles = []
  }

  assert {
    condition     = length(google_project_iam_member.this) == 0
    error_message = "A workload with only resource-level grants gets no project role."
  }
}

run "refuses_basic_roles" {
  command = plan

  variables {
    project_roles = ["roles/browser"]
  }

  expect_failures = [var.project_roles]
}

run "refuses_a_namespace_kubernetes_refuses" {
  command = plan

  variables {
    namespace = "Router_NS"
  }

  expect_failures = [var.namespace]
}

run "grants_in_another_project_name_the_clusters_pool" {
  command = plan

  variables {
    project_id      = "acme-shared-prod"
    pool_project_id = "acme-ml-prod"
  }

  assert {
    condition     = google_project_iam_member.this["roles/aiplatform.user"].project == "acme-shared-prod" && google_project_iam_member.this["roles/aiplatform.user"].member == "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-ml-prod.svc.id.goog/subject/ns/router/sa/router"
    error_message = "The role is granted in project_id to the principal of the cluster's own project's workload pool."
  }
}
