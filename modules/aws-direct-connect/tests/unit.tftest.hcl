mock_provider "aws" {}

variables {
  name             = "estate-prod-aws-azure"
  amazon_side_asn  = 64513
  vpn_gateway_id   = "vgw-0a1b2c3d"
  allowed_prefixes = ["10.10.0.0/16"]
  virtual_interface = {
    vlan             = 101
    peer_asn         = 65010
    amazon_address   = "169.254.0.5/30"
    customer_address = "169.254.0.6/30"
  }
}

run "before_the_partner_provisions_only_the_gateway_exists" {
  command = plan

  assert {
    condition     = length(aws_dx_private_virtual_interface.this) == 0 && length(aws_dx_connection_confirmation.this) == 0
    error_message = "No interface without a connection."
  }

  assert {
    condition     = aws_dx_gateway_association.this.associated_gateway_id == "vgw-0a1b2c3d"
    error_message = "The gateway associates with the VPC's virtual private gateway."
  }
}

run "hosted_connection_is_accepted_and_used" {
  command = plan

  variables {
    connection_id = "dxcon-fgabc123"
  }

  assert {
    condition     = aws_dx_connection_confirmation.this[0].connection_id == "dxcon-fgabc123"
    error_message = "The hosted connection is accepted."
  }

  assert {
    condition     = aws_dx_private_virtual_interface.this[0].vlan == 101 && aws_dx_private_virtual_interface.this[0].bgp_asn == 65010
    error_message = "The interface uses the link's VLAN and peers with the colocation router."
  }
}

run "a_connection_without_the_partner_vlan_is_refused" {
  command = plan

  variables {
    connection_id = "dxcon-fgabc123"
    virtual_interface = {
      peer_asn         = 65010
      amazon_address   = "169.254.0.5/30"
      customer_address = "169.254.0.6/30"
    }
  }

  expect_failures = [aws_dx_private_virtual_interface.this]
}

run "bad_connection_id_is_refused" {
  command = plan

  variables {
    connection_id = "conn-1"
  }

  expect_failures = [var.connection_id]
}

run "a_second_connection_gets_its_own_interface_on_the_same_gateway" {
  command = plan

  variables {
    connection_id = "dxcon-fgabc123"
    secondary = {
      connection_id = "dxcon-fgdef456"
      virtual_interface = {
        vlan             = 102
        peer_asn         = 65010
        amazon_address   = "169.254.0.9/30"
        customer_address = "169.254.0.10/30"
      }
    }
  }

  assert {
    condition     = aws_dx_private_virtual_interface.secondary[0].connection_id == "dxcon-fgdef456" && aws_dx_private_virtual_interface.secondary[0].vlan == 102
    error_message = "The second interface sits on the second connection with its own VLAN."
  }

  assert {
    condition     = length(aws_dx_connection_confirmation.secondary) == 1 && length(aws_dx_private_virtual_interface.this) == 1
    error_message = "Both hosted connections are accepted; both interfaces exist."
  }
}

run "on_a_transit_gateway_the_interface_is_a_transit_one" {
  command = plan

  variables {
    vpn_gateway_id     = null
    transit_gateway_id = "tgw-0a1b2c3d4e5f67890"
    allowed_prefixes   = ["10.1.0.0/16", "10.0.0.0/16"]
    connection_id      = "dxcon-fgabc123"
  }

  assert {
    condition     = aws_dx_gateway_association.this.associated_gateway_id == "tgw-0a1b2c3d4e5f67890" && aws_dx_gateway_association.this.allowed_prefixes == toset(["10.0.0.0/16", "10.1.0.0/16"])
    error_message = "The gateway associates with the hub and advertises every attached account's range."
  }

  assert {
    condition     = length(aws_dx_private_virtual_interface.this) == 0 && aws_dx_transit_virtual_interface.this[0].vlan == 101 && aws_dx_transit_virtual_interface.this[0].bgp_asn == 65010
    error_message = "A transit interface (a private one cannot reach a Transit Gateway), same VLAN and BGP peer."
  }
}

run "jumbo_frames_of_a_private_interface_are_refused_on_a_transit_one" {
  command = plan

  variables {
    vpn_gateway_id     = null
    transit_gateway_id = "tgw-0a1b2c3d4e5f67890"
    virtual_interface = {
      vlan             = 101
      peer_asn         = 65010
      amazon_address   = "169.254.0.5/30"
      customer_address = "169.254.0.6/30"
      mtu              = 9001
    }
  }

  expect_failures = [var.virtual_interface]
}
