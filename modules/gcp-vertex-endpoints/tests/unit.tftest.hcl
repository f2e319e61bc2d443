mock_provider "google" {}

variables {
  project_id = "acme-ai-prod"
  endpoints = {
    support-tuned = {
      name                    = "1234567890"
      display_name            = "support-assistant-prod-support-tuned"
      location                = "us-east4"
      private_service_connect = true
      psc_consumer = {
        name               = "support-assistant-prod-support-tuned"
        network            = "projects/acme-ai-prod/global/networks/ai-vpc"
        subnetwork         = "projects/acme-ai-prod/regions/us-east4/subnetworks/psc"
        service_attachment = "projects/tenant-x/regions/us-east4/serviceAttachments/sa-1"
      }
      logging = {
        sampling_rate = 0.1
        output_uri    = "bq://acme-ai-prod.support_assistant_prod_analytics.request_response_support_tuned"
      }
    }
    plain = {
      name         = "42"
      display_name = "plain"
      location     = "us-east4"
    }
  }
}

run "psc_and_logging_only_where_asked" {
  command = plan

  assert {
    condition     = google_vertex_ai_endpoint.this["support-tuned"].private_service_connect_config[0].project_allowlist == tolist(["acme-ai-prod"])
    error_message = "A PSC endpoint is reachable only from its own project."
  }

  assert {
    condition     = google_vertex_ai_endpoint.this["support-tuned"].predict_request_response_logging_config[0].sampling_rate == 0.1
    error_message = "Logging must use the given sampling rate."
  }

  assert {
    condition     = length(google_vertex_ai_endpoint.this["plain"].private_service_connect_config) == 0 && length(google_vertex_ai_endpoint.this["plain"].predict_request_response_logging_config) == 0
    error_message = "Without the options there is no PSC and no logging."
  }
}

run "leading_zero_id_is_rejected" {
  command = plan

  variables {
    endpoints = { bad = { name = "0123", display_name = "bad", location = "us-east4" } }
  }

  expect_failures = [var.endpoints]
}

run "global_location_is_rejected" {
  command = plan

  variables {
    endpoints = { bad = { name = "1", display_name = "bad", location = "global" } }
  }

  expect_failures = [var.endpoints]
}

run "psc_endpoint_gets_its_consumer_forwarding_rule" {
  command = plan

  assert {
    condition     = google_compute_forwarding_rule.psc["support-tuned"].target == "projects/tenant-x/regions/us-east4/serviceAttachments/sa-1" && google_compute_forwarding_rule.psc["support-tuned"].network == "projects/acme-ai-prod/global/networks/ai-vpc"
    error_message = "The PSC endpoint is reached through a forwarding rule to its service attachment, in the caller's network."
  }

  assert {
    condition     = length(google_compute_forwarding_rule.psc) == 1 && google_compute_address.psc["support-tuned"].address_type == "INTERNAL"
    error_message = "Only PSC endpoints with a known attachment get a consumer endpoint, on an internal address."
  }
}
