mock_provider "google" {}

variables {
  project_id  = "acme-ai-prod"
  region      = "us-east4"
  instance_id = "estate-prod-cache"
  network_id  = "projects/acme-ai-prod/global/networks/ai-vpc"
  service_connection_policy = {
    name          = "ai-vpc-memorystore-us-east4"
    subnetwork_id = "projects/acme-ai-prod/regions/us-east4/subnetworks/ai-vpc-us-east4"
  }
  users = {
    router = "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-ai-prod.svc.id.goog/subject/ns/router/sa/router"
  }
}

run "iam_auth_tls_private_endpoints" {
  command = plan

  assert {
    condition     = google_memorystore_instance.this.authorization_mode == "IAM_AUTH"
    error_message = "Callers authenticate with IAM tokens; no password exists."
  }

  assert {
    condition     = google_memorystore_instance.this.transit_encryption_mode == "SERVER_AUTHENTICATION"
    error_message = "Traffic must be encrypted in transit."
  }

  assert {
    condition     = google_network_connectivity_service_connection_policy.this[0].service_class == "gcp-memorystore"
    error_message = "The policy must let Memorystore create its endpoints in the VPC."
  }

  assert {
    condition     = google_project_iam_member.users["router"].role == "roles/memorystore.dbConnectionUser"
    error_message = "Callers get the connection role only."
  }

  assert {
    condition     = google_memorystore_instance.this.zone_distribution_config[0].mode == "MULTI_ZONE"
    error_message = "With a replica the nodes spread over zones."
  }
}

run "existing_policy_is_not_recreated" {
  command = plan

  variables {
    service_connection_policy = null
  }

  assert {
    condition     = length(google_network_connectivity_service_connection_policy.this) == 0
    error_message = "A network that already has a Memorystore policy gets no second one."
  }
}

run "refuses_an_unknown_node_type" {
  command = plan

  variables {
    node_type = "cache.r7g.large"
  }

  expect_failures = [var.node_type]
}

run "without_replicas_one_zone_chosen_by_memorystore" {
  command = plan

  variables {
    replicas = 0
  }

  assert {
    condition     = google_memorystore_instance.this.zone_distribution_config[0].mode == "SINGLE_ZONE"
    error_message = "Without a replica the node sits in one zone."
  }
}
