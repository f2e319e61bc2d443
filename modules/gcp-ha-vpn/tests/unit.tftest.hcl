mock_provider "google" {}

variables {
  project_id = "acme-ai-prod"
  region     = "us-east4"
  name       = "estate-prod-aws"
  network    = "projects/acme-ai-prod/global/networks/ai-vpc"
  asn        = 64514
  aws_asn    = 64512
  preshared_keys = {
    "0-1" = "test.only.tunnel.01"
    "0-2" = "test.only.tunnel.02"
    "1-1" = "test.only.tunnel.11"
    "1-2" = "test.only.tunnel.12"
  }
}

run "gateway_and_router_first" {
  command = plan

  assert {
    condition     = length(google_compute_vpn_tunnel.this) == 0 && length(google_compute_external_vpn_gateway.this) == 0
    error_message = "No tunnels before the AWS side exists."
  }

  assert {
    condition     = google_compute_router.this.bgp[0].asn == 64514
    error_message = "The router uses the private ASN."
  }
}

run "four_tunnels_to_aws" {
  command = plan

  variables {
    aws_tunnels = {
      "0" = [{ outside_address = "198.51.100.1", aws_inside_address = "169.254.0.9", peer_inside_address = "169.254.0.10" },
      { outside_address = "198.51.100.2", aws_inside_address = "169.254.0.13", peer_inside_address = "169.254.0.14" }]
      "1" = [{ outside_address = "198.51.100.3", aws_inside_address = "169.254.0.17", peer_inside_address = "169.254.0.18" },
      { outside_address = "198.51.100.4", aws_inside_address = "169.254.0.21", peer_inside_address = "169.254.0.22" }]
    }
  }

  assert {
    condition     = google_compute_external_vpn_gateway.this[0].redundancy_type == "FOUR_IPS_REDUNDANCY" && length(google_compute_external_vpn_gateway.this[0].interface) == 4
    error_message = "The AWS side is one external gateway with four interfaces."
  }

  assert {
    condition     = google_compute_vpn_tunnel.this["1-2"].vpn_gateway_interface == 1 && google_compute_vpn_tunnel.this["1-2"].peer_external_gateway_interface == 3 && google_compute_vpn_tunnel.this["1-2"].ike_version == 2
    error_message = "Interface 1 serves the second AWS connection's tunnels (external interfaces 2 and 3), IKEv2."
  }

  assert {
    condition     = google_compute_router_interface.this["0-1"].ip_range == "169.254.0.10/30" && google_compute_router_peer.this["0-1"].peer_ip_address == "169.254.0.9"
    error_message = "BGP runs on the tunnel's inside /30."
  }
}

run "two_tunnels_are_refused" {
  command = plan

  variables {
    aws_tunnels = {
      "0" = [{ outside_address = "198.51.100.1", aws_inside_address = "169.254.0.9", peer_inside_address = "169.254.0.10" },
      { outside_address = "198.51.100.2", aws_inside_address = "169.254.0.13", peer_inside_address = "169.254.0.14" }]
    }
  }

  expect_failures = [var.aws_tunnels]
}

run "azure_peer_two_tunnels_one_per_interface" {
  command = plan

  variables {
    name           = "estate-prod-azure"
    aws_asn        = null
    preshared_keys = {}
    azure_peer = {
      asn       = 65515
      addresses = { "0" = "198.51.100.10", "1" = "198.51.100.11" }
      bgp_addresses = {
        "0" = { gcp = "169.254.21.254", azure = "169.254.21.253" }
        "1" = { gcp = "169.254.22.254", azure = "169.254.22.253" }
      }
    }
    azure_preshared_keys = { "0" = "test.only.azure.0", "1" = "test.only.azure.1" }
  }

  assert {
    condition     = google_compute_external_vpn_gateway.azure[0].redundancy_type == "TWO_IPS_REDUNDANCY" && length(google_compute_external_vpn_gateway.azure[0].interface) == 2 && length(google_compute_external_vpn_gateway.this) == 0
    error_message = "Azure's two instance IPs are one TWO_IPS_REDUNDANCY external gateway; no AWS gateway."
  }

  assert {
    condition     = google_compute_vpn_tunnel.azure["1"].vpn_gateway_interface == 1 && google_compute_vpn_tunnel.azure["1"].peer_external_gateway_interface == 1 && length(google_compute_vpn_tunnel.azure) == 2
    error_message = "Interface i reaches Azure instance i: two tunnels."
  }

  assert {
    condition     = google_compute_router_interface.azure["0"].ip_range == "169.254.21.254/30" && google_compute_router_peer.azure["0"].peer_ip_address == "169.254.21.253" && google_compute_router_peer.azure["0"].peer_asn == 65515
    error_message = "BGP runs on Azure's APIPA /30 to the Azure gateway's ASN."
  }
}

run "azure_peer_waits_for_the_azure_gateway" {
  command = plan

  variables {
    aws_asn        = null
    preshared_keys = {}
    azure_peer = {
      asn       = 65515
      addresses = {}
      bgp_addresses = {
        "0" = { gcp = "169.254.21.254", azure = "169.254.21.253" }
        "1" = { gcp = "169.254.22.254", azure = "169.254.22.253" }
      }
    }
    azure_preshared_keys = { "0" = "test.only.azure.0", "1" = "test.only.azure.1" }
  }

  assert {
    condition     = length(google_compute_vpn_tunnel.azure) == 0 && length(google_compute_external_vpn_gateway.azure) == 0
    error_message = "No Azure tunnels before the azure stack's gateway IPs are known."
  }
}

run "azure_bgp_outside_apipa_is_refused" {
  command = plan

  variables {
    azure_peer = {
      asn       = 65515
      addresses = {}
      bgp_addresses = {
        "0" = { gcp = "169.254.10.2", azure = "169.254.10.1" }
        "1" = { gcp = "169.254.22.254", azure = "169.254.22.253" }
      }
    }
    azure_preshared_keys = { "0" = "test.only.azure.0", "1" = "test.only.azure.1" }
  }

  expect_failures = [var.azure_peer]
}
