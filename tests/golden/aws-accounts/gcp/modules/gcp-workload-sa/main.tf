# The Google identity of one workload: a service account with exactly the project roles its model calls need
# (roles/aiplatform.user for Vertex AI), never a primitive role and never a key. Workloads outside GCP reach it
# through workload identity federation: each entry of `workload_identity_members` (a principal or principal set of a
# workload identity pool) may impersonate it; with none, nobody outside GCP can use it yet.

resource "google_service_account" "this" {
  project      = var.project_id
  account_id   = var.account_id
  display_name = var.display_name
  description  = var.description
}

resource "google_project_iam_member" "this" {
  for_each = var.project_roles

  project = var.project_id
  role    = each.value
  member  = google_service_account.this.member
}

resource "google_service_account_iam_member" "workload_identity" {
  for_each = var.workload_identity_members

  service_account_id = google_service_account.this.name
  role               = "roles/iam.workloadIdentityUser"
  member             = each.value
}
