# Landing in an Azure control plane, keyless: Microsoft Sentinel's GCP Pub/Sub Audit Logs connector pulls from a
# subscription of its own, as a service account it impersonates through a workload identity pool. The pool trusts
# only tokens Microsoft's tenant issues for Sentinel's app (issuer and allowed audience); Microsoft's connector finds
# the pool by the customer's Entra tenant id (the pool id, without dashes), and the account may only pull from this
# subscription. The sink sends the same entries as the AWS export (Admin Activity, and the Data Access logs above).

locals {
  sentinel = var.sentinel_landing != null
}

resource "google_pubsub_topic" "sentinel" {
  #checkov:skip=CKV_GCP_83:Entries wait here at most seven days under Google-managed encryption until Sentinel pulls them into the Log Analytics workspace
  count = local.sentinel ? 1 : 0

  project = var.project_id
  name    = var.sentinel_landing.name
}

resource "google_logging_project_sink" "sentinel" {
  count = local.sentinel ? 1 : 0

  project                = var.project_id
  name                   = var.sentinel_landing.name
  description            = "Audit logs to the Azure control plane's Microsoft Sentinel (managed by mcai)"
  destination            = "pubsub.googleapis.com/${google_pubsub_topic.sentinel[0].id}"
  filter                 = local.aws_filter
  unique_writer_identity = true
}

resource "google_pubsub_topic_iam_member" "sentinel_sink_publishes" {
  count = local.sentinel ? 1 : 0

  project = var.project_id
  topic   = google_pubsub_topic.sentinel[0].name
  role    = "roles/pubsub.publisher"
  member  = google_logging_project_sink.sentinel[0].writer_identity
}

# Pull: Sentinel fetches; nothing is pushed out of Google. Unacknowledged entries are kept seven days.
resource "google_pubsub_subscription" "sentinel" {
  count = local.sentinel ? 1 : 0

  project                    = var.project_id
  name                       = var.sentinel_landing.name
  topic                      = google_pubsub_topic.sentinel[0].id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }
}

resource "google_iam_workload_identity_pool" "sentinel" {
  count = local.sentinel ? 1 : 0

  project                   = var.project_id
  workload_identity_pool_id = var.sentinel_landing.pool_id
  display_name              = "Microsoft Sentinel"
  description               = "Microsoft Sentinel's GCP Pub/Sub connector (managed by mcai)"
}

resource "google_iam_workload_identity_pool_provider" "sentinel" {
  #checkov:skip=CKV_GCP_118:Microsoft documents no token claim naming the customer's workspace or tenant; the issuer pins Microsoft's tenant, the audience Sentinel's app, and the connector finds the pool by this tenant id
  count = local.sentinel ? 1 : 0

  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.sentinel[0].workload_identity_pool_id
  workload_identity_pool_provider_id = var.sentinel_landing.provider_id
  display_name                       = "Microsoft Sentinel"
  attribute_mapping                  = { "google.subject" = "assertion.sub" }

  oidc {
    issuer_uri        = var.sentinel_landing.issuer
    allowed_audiences = [var.sentinel_landing.audience]
  }
}

resource "google_service_account" "sentinel" {
  count = local.sentinel ? 1 : 0

  project      = var.project_id
  account_id   = var.sentinel_landing.service_account_id
  display_name = "Microsoft Sentinel audit pull"
  description  = "Microsoft Sentinel pulls the audit log subscription as this account; no key, no project role (managed by mcai)"
}

# consume (subscriber) and get (viewer): what the connector calls, on this subscription only.
resource "google_pubsub_subscription_iam_member" "sentinel" {
  for_each = local.sentinel ? toset(["roles/pubsub.subscriber", "roles/pubsub.viewer"]) : toset([])

  project      = var.project_id
  subscription = google_pubsub_subscription.sentinel[0].name
  role         = each.value
  member       = "serviceAccount:${google_service_account.sentinel[0].email}"
}

resource "google_service_account_iam_member" "sentinel_federation" {
  count = local.sentinel ? 1 : 0

  service_account_id = google_service_account.sentinel[0].name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.sentinel[0].name}/*"
}
