mock_provider "google" {
  mock_resource "google_compute_global_address" {
    override_during = plan
    defaults = {
      address = "10.31.255.254"
      id      = "projects/acme-ai-prod/global/addresses/supportassistantprod"
    }
  }

  mock_resource "google_dns_managed_zone" {
    override_during = plan
    defaults = {
      name = "support-assistant-prod-googleapis"
    }
  }
}

variables {
  project_id      = "acme-ai-prod"
  endpoint_name   = "supportassistantprod"
  address         = "10.31.255.254"
  network         = "projects/acme-ai-prod/global/networks/ai-vpc"
  dns_zone_prefix = "support-assistant-prod"
}

run "endpoint_targets_all_apis" {
  command = plan

  assert {
    condition     = google_compute_global_forwarding_rule.this.target == "all-apis" && google_compute_global_forwarding_rule.this.load_balancing_scheme == ""
    error_message = "A PSC endpoint for Google APIs targets the all-apis bundle with an empty load balancing scheme."
  }

  assert {
    condition     = google_compute_global_address.this.purpose == "PRIVATE_SERVICE_CONNECT" && google_compute_global_address.this.address == "10.31.255.254"
    error_message = "The address is reserved for PSC at the given IP."
  }

  assert {
    condition     = google_dns_managed_zone.googleapis.dns_name == "googleapis.com." && google_dns_managed_zone.p_googleapis.dns_name == "p.googleapis.com."
    error_message = "Both private zones must exist."
  }

  assert {
    condition     = google_dns_record_set.googleapis.rrdatas == tolist(["10.31.255.254"]) && google_dns_record_set.p_googleapis_wildcard.rrdatas == tolist(["10.31.255.254"])
    error_message = "API names must resolve to the endpoint address."
  }

  assert {
    condition     = google_dns_record_set.googleapis_wildcard.type == "CNAME" && google_dns_record_set.googleapis_wildcard.name == "*.googleapis.com."
    error_message = "Every *.googleapis.com name (including regional Vertex AI names) must follow googleapis.com."
  }
}

run "hyphenated_endpoint_name_is_rejected" {
  command = plan

  variables {
    endpoint_name = "support-apis"
  }

  expect_failures = [var.endpoint_name]
}

run "cidr_instead_of_address_is_rejected" {
  command = plan

  variables {
    address = "10.31.0.0/16"
  }

  expect_failures = [var.address]
}
