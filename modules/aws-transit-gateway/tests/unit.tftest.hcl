mock_provider "aws" {
  mock_resource "aws_ec2_transit_gateway" {
    defaults = {
      arn = "arn:aws:ec2:us-east-1:111111111111:transit-gateway/tgw-0a1b2c3d4e5f67890"
    }
  }
  mock_resource "aws_ram_resource_share" {
    defaults = {
      arn = "arn:aws:ram:us-east-1:111111111111:resource-share/0a1b2c3d-4e5f-6789-0abc-def012345678"
    }
  }
}

variables {
  name                   = "estate-prod-hub"
  amazon_side_asn        = 64512
  share_with_account_ids = ["222222222222", "333333333333"]
}

run "hub_shared_with_the_named_accounts_only" {
  command = apply

  assert {
    condition     = aws_ec2_transit_gateway.this.auto_accept_shared_attachments == "enable" && aws_ec2_transit_gateway.this.amazon_side_asn == 64512
    error_message = "The hub accepts the shared accounts' attachments and uses the private ASN."
  }

  assert {
    condition     = aws_ram_resource_share.this.allow_external_principals == false
    error_message = "The share never leaves the AWS Organization."
  }

  assert {
    condition     = toset([for p in aws_ram_principal_association.this : p.principal]) == toset(["222222222222", "333333333333"])
    error_message = "One principal association per named account, and no other."
  }

  assert {
    condition     = aws_ram_resource_association.this.resource_arn == aws_ec2_transit_gateway.this.arn
    error_message = "The share holds the Transit Gateway."
  }
}

run "account_ids_are_checked" {
  command = plan

  variables {
    share_with_account_ids = ["o-a1b2c3d4e5"]
  }

  expect_failures = [var.share_with_account_ids]
}
