# Landing in an AWS control plane, keyless: a log sink sends the project's Admin Activity logs and the Data Access
# logs of the services above to a topic; a push subscription posts each entry to the AWS receiver with an OIDC token
# signed as a service account of its own (no key: the Pub/Sub service agent mints the token, allowed on this one
# account only). The receiver admits that account alone. The subscription waits for the receiver's endpoint (the aws
# stack's output): until it is given, the topic has no subscriber, so nothing is sent or kept. Entries the receiver
# keeps refusing (a 403 by design, e.g. after the pusher account is re-created, until its new unique id is handed
# over) are not dropped when their retention ends: after max_delivery_attempts they move to the dead-letter topic and
# wait seven days in its pull subscription, from which they are replayed (the stack README says how).

locals {
  aws              = var.aws_landing != null
  activity_log     = "projects/${var.project_id}/logs/cloudaudit.googleapis.com%2Factivity"
  data_access_log  = "projects/${var.project_id}/logs/cloudaudit.googleapis.com%2Fdata_access"
  audited_services = join(" OR ", [for s in sort(tolist(var.services)) : "\"${s}\""])
  aws_filter = length(var.services) == 0 ? "logName=\"${local.activity_log}\"" : join("", [
    "logName=\"${local.activity_log}\" OR (logName=\"${local.data_access_log}\" AND ",
    "protoPayload.serviceName=(${local.audited_services}))",
  ])
  pubsub_agent = local.aws ? "serviceAccount:service-${var.aws_landing.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com" : null
  push         = local.aws && try(var.aws_landing.push_endpoint, null) != null
  # 10 s doubling to 600 s between attempts: 20 attempts span over two hours, so a receiver outage shorter than that
  # delays entries and moves none; longer ones and deliberate refusals end in the dead-letter subscription.
  max_delivery_attempts = 20
}

resource "google_pubsub_topic" "aws" {
  #checkov:skip=CKV_GCP_83:Entries pass through within minutes under Google-managed encryption; where they are kept, in the AWS log store, they are encrypted with that store's customer-managed key
  count = local.aws ? 1 : 0

  project = var.project_id
  name    = var.aws_landing.name
}

resource "google_logging_project_sink" "aws" {
  count = local.aws ? 1 : 0

  project                = var.project_id
  name                   = var.aws_landing.name
  description            = "Audit logs to the AWS control plane's log store (managed by mcai)"
  destination            = "pubsub.googleapis.com/${google_pubsub_topic.aws[0].id}"
  filter                 = local.aws_filter
  unique_writer_identity = true
}

resource "google_pubsub_topic_iam_member" "sink_publishes" {
  count = local.aws ? 1 : 0

  project = var.project_id
  topic   = google_pubsub_topic.aws[0].name
  role    = "roles/pubsub.publisher"
  member  = google_logging_project_sink.aws[0].writer_identity
}

resource "google_service_account" "pusher" {
  count = local.aws ? 1 : 0

  project      = var.project_id
  account_id   = var.aws_landing.service_account_id
  display_name = "Audit push to AWS"
  description  = "Signs the push subscription's tokens for the AWS audit receiver; holds no role and no key (managed by mcai)"
}

# The Pub/Sub service agent may mint tokens for this account only, not for the project's other accounts. The agent
# (service-<number>@gcp-sa-pubsub) may not exist until the project first uses Pub/Sub (enabling the API does not
# promise it): a binding naming it before any topic exists can fail as an unknown member, so it waits for the topic.
# (google_project_service_identity would create it up front, but only in the google-beta provider.)
resource "google_service_account_iam_member" "pubsub_mints_tokens" {
  count = local.aws ? 1 : 0

  service_account_id = google_service_account.pusher[0].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent

  depends_on = [google_pubsub_topic.aws]
}

# Where refused entries go. Messages published to a topic without a subscription are lost, so the pull subscription
# exists before the push subscription names the topic; it keeps them seven days (the most a subscription keeps).
resource "google_pubsub_topic" "aws_refused" {
  #checkov:skip=CKV_GCP_83:Refused entries wait at most seven days under Google-managed encryption until they are replayed into the AWS log store, whose customer-managed key encrypts them there
  count = local.aws ? 1 : 0

  project = var.project_id
  name    = "${var.aws_landing.name}-refused"
}

resource "google_pubsub_subscription" "aws_refused" {
  count = local.aws ? 1 : 0

  project                    = var.project_id
  name                       = "${var.aws_landing.name}-refused"
  topic                      = google_pubsub_topic.aws_refused[0].id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }
}

# Google's documented requirement for dead lettering: the project's Pub/Sub service agent publishes to the
# dead-letter topic and acknowledges (removes) the forwarded message on the source subscription.
resource "google_pubsub_topic_iam_member" "pubsub_forwards_refused" {
  count = local.aws ? 1 : 0

  project = var.project_id
  topic   = google_pubsub_topic.aws_refused[0].name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "pubsub_removes_forwarded" {
  count = local.push ? 1 : 0

  project      = var.project_id
  subscription = google_pubsub_subscription.aws[0].name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

resource "google_pubsub_subscription" "aws" {
  count = local.push ? 1 : 0

  project                    = var.project_id
  name                       = var.aws_landing.name
  topic                      = google_pubsub_topic.aws[0].id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  # A receiver that is down or throttling gets the entries again, more slowly, for up to seven days.
  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  # Entries still refused after every attempt go to the dead-letter topic instead of expiring unseen.
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.aws_refused[0].id
    max_delivery_attempts = local.max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }

  push_config {
    push_endpoint = var.aws_landing.push_endpoint

    oidc_token {
      service_account_email = google_service_account.pusher[0].email
      audience              = var.aws_landing.audience
    }
  }

  depends_on = [
    google_service_account_iam_member.pubsub_mints_tokens,
    google_pubsub_subscription.aws_refused,
    google_pubsub_topic_iam_member.pubsub_forwards_refused,
  ]
}
