mock_provider "aws" {}

variables {
  name           = "estate-prod-aws-gcp"
  vpn_gateway_id = "vgw-0a1b2c3d"
  peer_asn       = 64514
  preshared_keys = {
    "0-1" = "test.only.tunnel.01"
    "0-2" = "test.only.tunnel.02"
    "1-1" = "test.only.tunnel.11"
    "1-2" = "test.only.tunnel.12"
  }
  tunnel_inside_cidrs = {
    "0" = ["169.254.0.8/30", "169.254.0.12/30"]
    "1" = ["169.254.0.16/30", "169.254.0.20/30"]
  }
}

run "nothing_before_the_peer_exists" {
  command = plan

  assert {
    condition     = length(aws_vpn_connection.this) == 0 && length(aws_customer_gateway.this) == 0
    error_message = "No connection without the peer's addresses."
  }
}

run "four_tunnels_with_bgp_and_ikev2" {
  command = plan

  variables {
    peer_addresses = { "0" = "203.0.113.10", "1" = "203.0.113.11" }
  }

  assert {
    condition     = length(aws_vpn_connection.this) == 2 && !aws_vpn_connection.this["0"].static_routes_only
    error_message = "Two connections (four tunnels), routed with BGP."
  }

  assert {
    condition     = aws_vpn_connection.this["1"].tunnel2_inside_cidr == "169.254.0.20/30" && aws_customer_gateway.this["1"].bgp_asn == "64514"
    error_message = "Inside CIDRs come from the address plan; the customer gateway carries the peer's ASN."
  }

  assert {
    condition     = aws_vpn_connection.this["0"].tunnel1_ike_versions == toset(["ikev2"])
    error_message = "IKEv2 only (Google's guidance for AWS peers)."
  }

  assert {
    condition     = aws_vpn_connection.this["1"].tunnel2_preshared_key == "test.only.tunnel.12" && aws_vpn_connection.this["0"].tunnel1_preshared_key == "test.only.tunnel.01"
    error_message = "Each tunnel gets its own key."
  }
}

run "a_key_shared_by_two_tunnels_is_refused" {
  command = plan

  variables {
    preshared_keys = { "0-1" = "same.key.twice", "0-2" = "same.key.twice", "1-1" = "test.only.tunnel.11", "1-2" = "test.only.tunnel.12" }
  }

  expect_failures = [var.preshared_keys]
}

run "global_inside_cidr_is_refused" {
  command = plan

  variables {
    tunnel_inside_cidrs = { "0" = ["10.0.0.0/30", "169.254.0.12/30"] }
  }

  expect_failures = [var.tunnel_inside_cidrs]
}

run "one_cipher_per_role_when_asked" {
  command = plan

  variables {
    peer_addresses = { "0" = "203.0.113.10", "1" = "203.0.113.11" }
    ike_ciphers    = { encryption = "AES256", integrity = "SHA2-256", dh_group = 14 }
  }

  assert {
    condition     = alltrue([for c in aws_vpn_connection.this : c.tunnel1_phase1_encryption_algorithms == toset(["AES256"]) && c.tunnel2_phase2_dh_group_numbers == toset([14]) && c.tunnel2_phase1_integrity_algorithms == toset(["SHA2-256"])])
    error_message = "Every tunnel proposes exactly the one cipher per role it was given, in both phases."
  }
}

run "unknown_cipher_is_refused" {
  command = plan

  variables {
    ike_ciphers = { encryption = "AES-CBC-256", integrity = "SHA2-256", dh_group = 14 }
  }

  expect_failures = [var.ike_ciphers]
}

run "connections_attach_to_a_transit_gateway" {
  command = plan

  variables {
    vpn_gateway_id     = null
    transit_gateway_id = "tgw-0a1b2c3d4e5f67890"
    peer_addresses     = { "0" = "203.0.113.10", "1" = "203.0.113.11" }
  }

  assert {
    condition     = alltrue([for c in aws_vpn_connection.this : c.transit_gateway_id == "tgw-0a1b2c3d4e5f67890" && c.vpn_gateway_id == null && !c.static_routes_only])
    error_message = "On a Transit Gateway both connections attach to it (no virtual private gateway), routed with BGP."
  }
}

run "a_vpn_needs_exactly_one_gateway" {
  command = plan

  variables {
    transit_gateway_id = "tgw-0a1b2c3d4e5f67890"
  }

  expect_failures = [var.vpn_gateway_id]
}
