mock_provider "aws" {}

variables {
  name               = "estate-prod-workloads"
  transit_gateway_id = "tgw-0a1b2c3d4e5f67890"
  vpc_id             = "vpc-0a1b2c3d"
  subnet_ids         = ["subnet-0a1b2c3d", "subnet-0a1b2c3e"]
  route_table_ids    = ["rtb-0a1b2c3d", "rtb-0a1b2c3e"]
  destination_cidrs  = ["10.0.0.0/16", "10.20.0.0/16"]
}

run "attachment_and_a_route_per_table_and_range" {
  command = plan

  assert {
    condition     = aws_ec2_transit_gateway_vpc_attachment.this.transit_gateway_id == "tgw-0a1b2c3d4e5f67890" && aws_ec2_transit_gateway_vpc_attachment.this.vpc_id == "vpc-0a1b2c3d"
    error_message = "The VPC attaches to the shared Transit Gateway."
  }

  assert {
    condition     = length(aws_route.this) == 4 && aws_route.this["rtb-0a1b2c3e|10.20.0.0/16"].transit_gateway_id == "tgw-0a1b2c3d4e5f67890"
    error_message = "Every route table sends every range to the Transit Gateway."
  }
}

run "a_vpn_gateway_id_is_refused" {
  command = plan

  variables {
    transit_gateway_id = "vgw-0a1b2c3d"
  }

  expect_failures = [var.transit_gateway_id]
}
