# CI principals in a GCP project that does not hold the estate's Terraform state (another cloud is the control plane,
# or this is another project of the control plane's cloud): a workload identity pool whose providers admit the CI
# pipelines' own OIDC tokens (GitHub Actions, GitLab) for exactly the subjects listed (one repository and one branch
# or environment each, in the attribute condition). Each pipeline is granted as its own principal (direct workload
# identity federation): no service account key and no service account to impersonate. Its rights in the project are
# the roles it is given, nothing else; its state access is granted by the control plane's bootstrap.

locals {
  issuers = { for key, ci in var.ci_pipelines : ci.provider => ci.issuer... }
  principal = { for key, ci in var.ci_pipelines :
  key => "principal://iam.googleapis.com/${google_iam_workload_identity_pool.ci.name}/subject/${ci.subject}" }
  roles = merge([for key, ci in var.ci_pipelines : {
    for role in ci.roles : "${key} ${role}" => { pipeline = key, role = role }
  }]...)
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

resource "google_project_iam_member" "ci" {
  for_each = local.roles

  project = var.project_id
  role    = each.value.role
  member  = local.principal[each.value.pipeline]
}
