mock_provider "google" {}

override_resource {
  target          = google_pubsub_topic.aws_refused
  override_during = plan
  values          = { id = "projects/acme-ai-prod/topics/acme-prod-audit-to-aws-refused" }
}

variables {
  project_id = "acme-ai-prod"
  services   = ["aiplatform.googleapis.com", "bigquery.googleapis.com"]
}

run "writes_data_read_and_write_for_each_service" {
  command = plan

  assert {
    condition     = length(google_project_iam_audit_config.this) == 2
    error_message = "One audit config per service."
  }

  assert {
    condition     = toset([for c in google_project_iam_audit_config.this["aiplatform.googleapis.com"].audit_log_config : c.log_type]) == toset(["DATA_READ", "DATA_WRITE"])
    error_message = "Vertex AI predictions (DATA_READ) and writes (DATA_WRITE) must be logged."
  }
}

run "unknown_log_type_is_rejected" {
  command = plan

  variables {
    log_types = ["DATA_READ", "EVERYTHING"]
  }

  expect_failures = [var.log_types]
}

run "bad_service_name_is_rejected" {
  command = plan

  variables {
    services = ["bigquery"]
  }

  expect_failures = [var.services]
}

run "landing_in_aws_pushes_exactly_the_audit_logs_as_one_account" {
  command = plan

  variables {
    aws_landing = {
      name               = "acme-prod-audit-to-aws"
      service_account_id = "acme-prod-audit-push"
      project_number     = "123456789012"
      audience           = "acme-prod-audit-from-gcp"
      push_endpoint      = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/push"
    }
  }

  assert {
    condition     = google_logging_project_sink.aws[0].filter == "logName=\"projects/acme-ai-prod/logs/cloudaudit.googleapis.com%2Factivity\" OR (logName=\"projects/acme-ai-prod/logs/cloudaudit.googleapis.com%2Fdata_access\" AND protoPayload.serviceName=(\"aiplatform.googleapis.com\" OR \"bigquery.googleapis.com\"))"
    error_message = "The sink takes Admin Activity and exactly the audited services' Data Access logs."
  }

  assert {
    condition     = google_pubsub_subscription.aws[0].push_config[0].oidc_token[0].audience == "acme-prod-audit-from-gcp" && google_pubsub_subscription.aws[0].push_config[0].push_endpoint == "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/push"
    error_message = "The push carries the receiver's exact audience to its endpoint."
  }

  assert {
    condition     = google_service_account_iam_member.pubsub_mints_tokens[0].member == "serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com" && google_service_account_iam_member.pubsub_mints_tokens[0].role == "roles/iam.serviceAccountTokenCreator"
    error_message = "Only the project's Pub/Sub service agent may mint the pusher's tokens."
  }

  assert {
    condition     = google_pubsub_subscription.aws[0].dead_letter_policy[0].dead_letter_topic == "projects/acme-ai-prod/topics/acme-prod-audit-to-aws-refused" && google_pubsub_subscription.aws[0].dead_letter_policy[0].max_delivery_attempts == 20
    error_message = "Entries refused after every attempt go to the dead-letter topic, not to expiry."
  }

  assert {
    condition     = google_pubsub_subscription.aws_refused[0].topic == "projects/acme-ai-prod/topics/acme-prod-audit-to-aws-refused" && google_pubsub_subscription.aws_refused[0].message_retention_duration == "604800s" && length(google_pubsub_subscription.aws_refused[0].push_config) == 0
    error_message = "A pull subscription keeps the refused entries seven days for replay."
  }

  assert {
    condition     = google_pubsub_topic_iam_member.pubsub_forwards_refused[0].role == "roles/pubsub.publisher" && google_pubsub_topic_iam_member.pubsub_forwards_refused[0].member == "serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com" && google_pubsub_topic_iam_member.pubsub_forwards_refused[0].topic == "acme-prod-audit-to-aws-refused"
    error_message = "The Pub/Sub service agent may publish to the dead-letter topic."
  }

  assert {
    condition     = google_pubsub_subscription_iam_member.pubsub_removes_forwarded[0].role == "roles/pubsub.subscriber" && google_pubsub_subscription_iam_member.pubsub_removes_forwarded[0].member == "serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com" && google_pubsub_subscription_iam_member.pubsub_removes_forwarded[0].subscription == "acme-prod-audit-to-aws"
    error_message = "The Pub/Sub service agent may remove forwarded entries from the push subscription."
  }
}

run "no_subscription_until_the_endpoint_is_known_and_admin_activity_alone_is_allowed" {
  command = plan

  variables {
    services = []
    aws_landing = {
      name               = "acme-prod-audit-to-aws"
      service_account_id = "acme-prod-audit-push"
      project_number     = "123456789012"
      audience           = "acme-prod-audit-from-gcp"
    }
  }

  assert {
    condition     = length(google_pubsub_subscription.aws) == 0 && length(google_service_account.pusher) == 1 && length(google_pubsub_subscription.aws_refused) == 1 && length(google_pubsub_subscription_iam_member.pubsub_removes_forwarded) == 0
    error_message = "The pusher and the dead-letter subscription exist first; the push subscription waits for the receiver's endpoint."
  }

  assert {
    condition     = google_logging_project_sink.aws[0].filter == "logName=\"projects/acme-ai-prod/logs/cloudaudit.googleapis.com%2Factivity\""
    error_message = "With no audited service, the sink takes the Admin Activity logs only."
  }
}

run "no_services_without_a_landing_is_rejected" {
  command = plan

  variables {
    services = []
  }

  expect_failures = [var.services]
}

run "sentinel_pulls_one_subscription_through_a_pool_for_its_app_only" {
  command = plan

  variables {
    sentinel_landing = {
      name               = "acme-prod-audit-to-sentinel"
      service_account_id = "acme-prod-sentinel-pull"
      pool_id            = "11111111111111111111111111111111"
      provider_id        = "sentinel-identity-provider"
      issuer             = "https://sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d"
      audience           = "api://2041288c-b303-4ca0-9076-9612db3beeb2"
    }
  }

  assert {
    condition     = one(google_iam_workload_identity_pool_provider.sentinel[0].oidc).allowed_audiences == tolist(["api://2041288c-b303-4ca0-9076-9612db3beeb2"]) && one(google_iam_workload_identity_pool_provider.sentinel[0].oidc).issuer_uri == "https://sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d"
    error_message = "The provider admits Microsoft's tenant's tokens for Sentinel's app only."
  }

  assert {
    condition     = toset([for m in google_pubsub_subscription_iam_member.sentinel : m.role]) == toset(["roles/pubsub.subscriber", "roles/pubsub.viewer"]) && alltrue([for m in google_pubsub_subscription_iam_member.sentinel : m.subscription == "acme-prod-audit-to-sentinel"])
    error_message = "The account may consume and read this one subscription, nothing else."
  }

  assert {
    condition     = length(google_pubsub_subscription.sentinel[0].push_config) == 0
    error_message = "A pull subscription: nothing is pushed out of Google."
  }

  assert {
    condition     = google_logging_project_sink.sentinel[0].filter == "logName=\"projects/acme-ai-prod/logs/cloudaudit.googleapis.com%2Factivity\" OR (logName=\"projects/acme-ai-prod/logs/cloudaudit.googleapis.com%2Fdata_access\" AND protoPayload.serviceName=(\"aiplatform.googleapis.com\" OR \"bigquery.googleapis.com\"))"
    error_message = "Admin Activity, and the Data Access logs of the audited services."
  }
}

run "sentinel_pool_id_must_be_the_tenant_id" {
  command = plan

  variables {
    sentinel_landing = {
      name               = "acme-prod-audit-to-sentinel"
      service_account_id = "acme-prod-sentinel-pull"
      pool_id            = "11111111-1111-1111-1111-111111111111"
      provider_id        = "sentinel-identity-provider"
      issuer             = "https://sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d"
      audience           = "api://2041288c-b303-4ca0-9076-9612db3beeb2"
    }
  }

  expect_failures = [var.sentinel_landing]
}
