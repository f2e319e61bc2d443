# The Google side of workload identity federation for one workload running outside Google Cloud: a workload
# identity pool with one provider (one per issuer when it runs on several clusters) that trusts exactly that
# workload, and the federated principal other resources grant to. Nothing here is a key: the workload exchanges its own short-lived credential (a signed AWS request or a
# Kubernetes service-account token) with Google STS for a short-lived access token.
#
# AWS provider: `google.subject` is the caller's assumed-role ARN (including the session name, at most 127
# characters) and `attribute.aws_role` the same ARN without the session; the condition admits only the workload's
# role. OIDC provider: the EKS cluster's issuer, and the condition admits only the workload's service account.
# Deleted pools and providers keep their ids reserved for about 30 days: renaming one is not a cheap operation.

locals {
  # Google's default AWS mapping: the assumed-role ARN with the session name stripped.
  aws_role_expression = "assertion.arn.contains('assumed-role') ? assertion.arn.extract('{account_arn}assumed-role/') + 'assumed-role/' + assertion.arn.extract('assumed-role/{role_name}/') : assertion.arn"
  assumed_role        = var.aws == null ? null : "arn:aws:sts::${var.aws.account_id}:assumed-role/${var.aws.role_name}"
  pool                = google_iam_workload_identity_pool.this.name
  principal = (var.aws != null ?
    "principalSet://iam.googleapis.com/${local.pool}/attribute.aws_role/${coalesce(local.assumed_role, "-")}" :
  "principal://iam.googleapis.com/${local.pool}/subject/${try(var.oidc.subject, "-")}")
}

resource "google_iam_workload_identity_pool" "this" {
  project                   = var.project_id
  workload_identity_pool_id = var.pool_id
  display_name              = var.display_name
  description               = var.description
}

resource "google_iam_workload_identity_pool_provider" "this" {
  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.this.workload_identity_pool_id
  workload_identity_pool_provider_id = var.provider_id
  display_name                       = var.display_name
  description                        = var.description

  attribute_mapping = var.aws != null ? {
    "google.subject"     = "assertion.arn"
    "attribute.aws_role" = local.aws_role_expression
    } : {
    "google.subject" = "assertion.sub"
  }
  attribute_condition = (var.aws != null ?
    "attribute.aws_role == \"${coalesce(local.assumed_role, "-")}\"" :
  "assertion.sub == \"${try(var.oidc.subject, "-")}\"")

  dynamic "aws" {
    for_each = var.aws == null ? [] : [var.aws]
    content {
      account_id = aws.value.account_id
    }
  }

  dynamic "oidc" {
    for_each = var.oidc == null ? [] : [var.oidc]
    content {
      issuer_uri = oidc.value.issuer_uri
    }
  }
}

# The same service account on other clusters: a provider per issuer, same subject, so the pool's principal (and
# every grant to it) covers the workload wherever it runs. Each cluster's pods name their own provider as audience.
resource "google_iam_workload_identity_pool_provider" "more" {
  for_each = var.more_oidc_issuers

  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.this.workload_identity_pool_id
  workload_identity_pool_provider_id = each.key
  display_name                       = var.display_name
  description                        = var.description
  attribute_mapping                  = { "google.subject" = "assertion.sub" }
  attribute_condition                = "assertion.sub == \"${try(var.oidc.subject, "-")}\""

  oidc {
    issuer_uri = each.value
  }
}

# Direct grants: the federated principal itself holds the roles (no service account in between).
resource "google_project_iam_member" "direct" {
  for_each = var.direct_grants.project_roles

  project = var.project_id
  role    = each.value
  member  = local.principal
}

resource "google_bigquery_dataset_iam_member" "direct" {
  for_each = var.direct_grants.bigquery_datasets

  project    = var.project_id
  dataset_id = each.value.dataset_id
  role       = each.value.role
  member     = local.principal
}
