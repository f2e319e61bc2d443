mock_provider "google" {}

variables {
  project_id = "acme-ai-prod"
  region     = "us-east4"
  name       = "estate-prod-aws"
  network    = "projects/acme-ai-prod/global/networks/ai-vpc"
  type       = "PARTNER"
  router_asn = 16550
}

run "partner_attachments_in_both_domains" {
  command = plan

  assert {
    condition     = length(google_compute_interconnect_attachment.this) == 2 && google_compute_interconnect_attachment.this["domain2"].edge_availability_domain == "AVAILABILITY_DOMAIN_2"
    error_message = "One partner attachment per edge availability domain."
  }

  assert {
    condition     = google_compute_interconnect_attachment.this["domain1"].interconnect == null && google_compute_router.this.bgp[0].asn == 16550
    error_message = "Partner attachments name no interconnect; the router uses Google's ASN."
  }

  assert {
    condition     = length(google_compute_router_peer.this) == 0
    error_message = "The partner brings up BGP on partner attachments."
  }
}

run "dedicated_attachment_with_bgp" {
  command = plan

  variables {
    type       = "DEDICATED"
    router_asn = 64515
    mtu        = 1500
    dedicated = {
      interconnect     = "projects/acme-ai-prod/global/interconnects/cci-aws"
      vlan             = 200
      bandwidth        = "BPS_10G"
      candidate_subnet = "169.254.0.8/29"
      peer_asn         = 64513
    }
  }

  assert {
    condition     = google_compute_interconnect_attachment.this["dedicated"].vlan_tag8021q == 200 && google_compute_interconnect_attachment.this["dedicated"].bandwidth == "BPS_10G"
    error_message = "The dedicated attachment carries the VLAN and bandwidth."
  }

  assert {
    condition     = google_compute_router_peer.this["dedicated"].peer_asn == 64513
    error_message = "BGP peers with the AWS side."
  }
}

run "vlan_4095_is_refused" {
  command = plan

  variables {
    type       = "DEDICATED"
    router_asn = 64515
    dedicated  = { interconnect = "cci-aws", vlan = 4095, bandwidth = "BPS_10G", candidate_subnet = "169.254.0.8/29", peer_asn = 64513 }
  }

  expect_failures = [var.dedicated]
}

run "bad_mtu_is_refused" {
  command = plan

  variables {
    mtu = 9000
  }

  expect_failures = [var.mtu]
}
