# The control plane's bootstrap on GCP: the Cloud Storage bucket that holds every stack's Terraform state (uniform
# bucket-level access, public access prevention enforced, object versioning; the gcs backend locks with a .tflock
# object) and a workload identity pool whose providers admit the CI pipelines' own OIDC tokens (GitHub Actions,
# GitLab) for exactly the subjects listed (one repository and one branch or environment each, in the attribute
# condition). Each pipeline is granted as its own principal (direct workload identity federation): no service
# account key and no service account to impersonate. A plan pipeline may read state and write only lock objects;
# an apply pipeline may write state; their rights in the project are the roles they are given, nothing else.

locals {
  issuers = { for key, ci in var.ci_pipelines : ci.provider => ci.issuer... }
  principal = { for key, ci in var.ci_pipelines :
  key => "principal://iam.googleapis.com/${google_iam_workload_identity_pool.ci.name}/subject/${ci.subject}" }
  roles = merge([for key, ci in var.ci_pipelines : {
    for role in ci.roles : "${key} ${role}" => { pipeline = key, role = role }
  }]...)
}

resource "google_storage_bucket" "state" {
  #checkov:skip=CKV_GCP_62:State reads and writes are audited by Cloud Audit Logs (data access), not a second bucket of usage logs
  project                     = var.project_id
  name                        = var.state_bucket_name
  location                    = var.location
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = true
  }

  # Old state versions are how a bad apply is undone; beyond the newest kept_versions they are deleted.
  lifecycle_rule {
    condition {
      num_newer_versions = var.kept_versions
      with_state         = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  # Every stack's state: losing it orphans every resource of the estate.
  lifecycle {
    prevent_destroy = true
  }
}

resource "google_iam_workload_identity_pool" "ci" {
  project                   = var.project_id
  workload_identity_pool_id = var.pool_id
  display_name              = "CI pipelines"
  description               = "Terraform CI for this estate (managed by mcai)"
}

resource "google_iam_workload_identity_pool_provider" "ci" {
  for_each = local.issuers

  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.ci.workload_identity_pool_id
  workload_identity_pool_provider_id = each.key
  display_name                       = each.key
  attribute_mapping                  = { "google.subject" = "assertion.sub" }
  # Only the listed pipelines' tokens are exchanged at all; grants then name each subject.
  attribute_condition = "assertion.sub in ${jsonencode(sort([for key, ci in var.ci_pipelines : ci.subject if ci.provider == each.key]))}"

  oidc {
    issuer_uri = each.value[0]
  }
}

resource "google_storage_bucket_iam_member" "read" {
  for_each = var.ci_pipelines

  bucket = google_storage_bucket.state.name
  role   = each.value.access == "apply" ? "roles/storage.objectUser" : "roles/storage.objectViewer"
  member = local.principal[each.key]
}

resource "google_storage_bucket_iam_member" "lock" {
  for_each = { for key, ci in var.ci_pipelines : key => ci if ci.access == "plan" }

  bucket = google_storage_bucket.state.name
  role   = "roles/storage.objectUser"
  member = local.principal[each.key]

  condition {
    title       = "lock-objects-only"
    description = "A plan pipeline writes only the backend's lock objects"
    expression  = "resource.name.endsWith(\".tflock\")"
  }
}

resource "google_project_iam_member" "ci" {
  for_each = local.roles

  project = var.project_id
  role    = each.value.role
  member  = local.principal[each.value.pipeline]
}
