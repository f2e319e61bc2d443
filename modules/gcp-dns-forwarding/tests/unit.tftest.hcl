mock_provider "google" {
  mock_data "google_compute_addresses" {
    defaults = {
      addresses = [{ address = "10.30.0.5", address_type = "INTERNAL", name = "dns-forwarding-1", description = "", region = "us-east4", self_link = "", status = "IN_USE", labels = {} }]
    }
  }
}

variables {
  project_id = "acme-ai-prod"
  name       = "support-assistant-prod-azure"
  network    = "projects/acme-ai-prod/global/networks/ai-vpc"
  region     = "us-east4"
  forward = {
    openai = { domain = "openai.azure.com", targets = ["10.20.0.100"] }
  }
  inbound_enabled = true
}

run "forwarding_zone_goes_privately_to_the_other_resolver" {
  command = plan

  assert {
    condition     = google_dns_managed_zone.forward["openai"].dns_name == "openai.azure.com." && google_dns_managed_zone.forward["openai"].visibility == "private"
    error_message = "Each forwarded domain is a private zone of the VPC with a trailing dot."
  }

  assert {
    condition     = [for t in google_dns_managed_zone.forward["openai"].forwarding_config[0].target_name_servers : "${t.ipv4_address}/${t.forwarding_path}"] == ["10.20.0.100/private"]
    error_message = "Queries go to the other cloud's resolver over the link (private routing from 35.199.192.0/19)."
  }

  assert {
    condition     = google_dns_policy.inbound[0].enable_inbound_forwarding && google_dns_managed_zone.forward["openai"].name == "support-assistant-prod-azure-openai"
    error_message = "The inbound policy gives the other cloud entry points; zone names are prefix-label."
  }
}

run "entry_points_are_read_after_the_policy" {
  command = apply

  assert {
    condition     = output.inbound_addresses == tolist(["10.30.0.5"])
    error_message = "The entry points Google picked in the link's region are the output the other cloud forwards to."
  }
}

run "switched_off_forwarding_creates_no_zone" {
  command = plan

  variables {
    forward_enabled = false
    inbound_enabled = false
  }

  assert {
    condition     = length(google_dns_managed_zone.forward) == 0 && length(google_dns_policy.inbound) == 0
    error_message = "Until the link carries traffic nothing takes over the names; no policy unless asked."
  }
}

run "a_domain_without_targets_yet_gets_no_zone" {
  command = plan

  variables {
    forward = { openai = { domain = "openai.azure.com", targets = [] }, bedrock = { domain = "bedrock-runtime.us-east-1.amazonaws.com", targets = ["10.10.255.10"] } }
  }

  assert {
    condition     = keys(google_dns_managed_zone.forward) == ["bedrock"]
    error_message = "Only a domain whose resolver addresses are known is forwarded."
  }
}

run "a_target_that_is_not_an_address_is_refused" {
  command = plan

  variables {
    forward = { openai = { domain = "openai.azure.com", targets = ["10.20.0.0/16"] } }
  }

  expect_failures = [var.forward]
}
