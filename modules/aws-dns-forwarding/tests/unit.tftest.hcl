mock_provider "aws" {}

variables {
  name       = "estate-prod"
  vpc_id     = "vpc-0a1b2c3d"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-0a1b2c3e"]
  forward = {
    "openai.azure.com"                        = ["10.20.0.100"]
    "privatelink.openai.azure.com"            = ["10.20.0.100"]
    "privatelink.cognitiveservices.azure.com" = ["10.20.0.100"]
  }
  private_zones = { "googleapis.com" = "10.31.255.254" }
}

run "forwards_azure_private_link_names" {
  command = plan

  assert {
    condition     = aws_route53_resolver_endpoint.this[0].direction == "OUTBOUND" && length(aws_route53_resolver_rule.this) == 3
    error_message = "One outbound endpoint, one forwarding rule per Azure zone."
  }

  assert {
    condition     = one(aws_route53_resolver_rule.this["privatelink.openai.azure.com"].target_ip).ip == "10.20.0.100"
    error_message = "Rules forward to the Azure resolver's inbound endpoint."
  }

  assert {
    condition     = length(aws_security_group.this.egress) == 2 && alltrue([for e in aws_security_group.this.egress : e.cidr_blocks == tolist(["10.20.0.100/32"]) && e.from_port == 53])
    error_message = "The endpoint may only talk DNS to the targets."
  }
}

run "google_apis_resolve_to_the_psc_address" {
  command = plan

  assert {
    condition     = aws_route53_record.wildcard["googleapis.com"].name == "*.googleapis.com" && aws_route53_record.wildcard["googleapis.com"].records == toset(["10.31.255.254"])
    error_message = "*.googleapis.com answers with the Private Service Connect address."
  }
}

run "zones_only_need_no_endpoint" {
  command = plan

  variables {
    forward = {}
  }

  assert {
    condition     = length(aws_route53_resolver_endpoint.this) == 0
    error_message = "No outbound endpoint (and its hourly fee) without forwarding rules."
  }
}

run "switched_off_until_the_link_carries_traffic" {
  command = plan

  variables {
    forward_enabled       = false
    private_zones_enabled = false
  }

  assert {
    condition     = length(aws_route53_resolver_endpoint.this) == 0 && length(aws_route53_resolver_rule.this) == 0 && length(aws_route53_zone.this) == 0
    error_message = "With the switches off nothing takes over the VPC's names (no rule, no zone, no endpoint)."
  }
}

run "one_subnet_is_refused" {
  command = plan

  variables {
    subnet_ids = ["subnet-0a1b2c3d"]
  }

  expect_failures = [var.subnet_ids]
}

run "inbound_endpoint_admits_only_the_other_clouds_resolvers" {
  command = apply

  variables {
    inbound_cidrs = ["10.20.0.0/16", "35.199.192.0/19"]
  }

  assert {
    condition     = aws_route53_resolver_endpoint.inbound[0].direction == "INBOUND" && length(output.inbound_addresses) == 2
    error_message = "One inbound endpoint with an address in each subnet, handed over as the output."
  }

  assert {
    condition     = alltrue([for i in aws_security_group.inbound[0].ingress : i.cidr_blocks == tolist(["10.20.0.0/16", "35.199.192.0/19"]) && i.from_port == 53 && i.to_port == 53])
    error_message = "Only DNS, only from the other clouds' ranges."
  }
}

run "no_inbound_endpoint_without_callers" {
  command = plan

  assert {
    condition     = length(aws_route53_resolver_endpoint.inbound) == 0 && length(aws_security_group.inbound) == 0
    error_message = "An inbound endpoint is billed per address-hour: none unless another cloud resolves names here."
  }
}

run "rules_shared_with_the_other_accounts_inside_the_organization" {
  command = plan

  variables {
    share_with_account_ids = ["222222222222"]
  }

  assert {
    condition     = !aws_ram_resource_share.rules[0].allow_external_principals && length(aws_ram_resource_association.rules) == 3 && keys(aws_ram_principal_association.rules) == ["222222222222"]
    error_message = "Every forwarding rule is shared through RAM with the named accounts only, never outside the Organization."
  }
}

run "nothing_shared_while_forwarding_is_off" {
  command = plan

  variables {
    share_with_account_ids = ["222222222222"]
    forward_enabled        = false
  }

  assert {
    condition     = length(aws_ram_resource_share.rules) == 0 && length(aws_ram_principal_association.rules) == 0
    error_message = "No share before the rules exist."
  }
}

run "another_account_associates_the_shared_rules_with_its_vpc" {
  command = plan

  variables {
    forward       = {}
    private_zones = {}
    shared_rule_ids = {
      "openai.azure.com" = "rslvr-rr-0a1b2c3d4e5f67890"
    }
  }

  assert {
    condition     = aws_route53_resolver_rule_association.shared["openai.azure.com"].vpc_id == "vpc-0a1b2c3d" && length(aws_route53_resolver_endpoint.this) == 0
    error_message = "The shared rule is associated with this VPC; no outbound endpoint of its own (the network account's answers)."
  }
}

run "a_rule_id_that_is_not_one_is_refused" {
  command = plan

  variables {
    shared_rule_ids = { "openai.azure.com" = "10.20.0.100" }
  }

  expect_failures = [var.shared_rule_ids]
}
