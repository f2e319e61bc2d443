mock_provider "aws" {}

variables {
  name            = "estate-prod-links"
  vpc_id          = "vpc-0a1b2c3d"
  amazon_side_asn = 64512
  route_table_ids = ["rtb-0a1b2c3d", "rtb-0a1b2c3e"]
}

run "gateway_with_route_propagation" {
  command = plan

  assert {
    condition     = aws_vpn_gateway.this.amazon_side_asn == "64512" && aws_vpn_gateway.this.vpc_id == "vpc-0a1b2c3d"
    error_message = "The gateway attaches to the VPC with the private ASN."
  }

  assert {
    condition     = length(aws_vpn_gateway_route_propagation.this) == 2
    error_message = "One propagation per route table."
  }
}

run "public_asn_is_refused" {
  command = plan

  variables {
    amazon_side_asn = 16509
  }

  expect_failures = [var.amazon_side_asn]
}
