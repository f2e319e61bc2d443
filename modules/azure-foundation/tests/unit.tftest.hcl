mock_provider "azurerm" {}

variables {
  resource_group_name = "rg-estate-prod"
  location            = "eastus2"
  virtual_network = {
    name                    = "vnet-estate-prod"
    address_space           = ["10.20.0.0/16"]
    private_endpoint_subnet = "10.20.0.0/26"
  }
  private_dns_zones = ["privatelink.openai.azure.com", "privatelink.cognitiveservices.azure.com"]
  log_analytics     = { name = "log-estate-prod", retention_days = 30 }
  tags              = { owner = "platform" }
}

run "foundation" {
  command = plan

  assert {
    condition     = one(azurerm_subnet.private_endpoints.address_prefixes) == "10.20.0.0/26" && !azurerm_subnet.private_endpoints.default_outbound_access_enabled
    error_message = "The private-endpoint subnet takes the given range and has no default outbound access."
  }

  assert {
    condition     = length(azurerm_private_dns_zone_virtual_network_link.this) == 2 && !azurerm_private_dns_zone_virtual_network_link.this["privatelink.openai.azure.com"].registration_enabled
    error_message = "Every zone is linked to the VNet, without auto-registration."
  }

  assert {
    condition     = alltrue([for l in azurerm_private_dns_zone_virtual_network_link.this : l.resolution_policy == "NxDomainRedirect"])
    error_message = "Names a zone has no record for fall back to public resolution (other accounts stay reachable)."
  }

  assert {
    condition     = !azurerm_log_analytics_workspace.this.local_authentication_enabled && azurerm_log_analytics_workspace.this.retention_in_days == 30
    error_message = "The workspace accepts Entra ID only and keeps logs as long as asked."
  }

  assert {
    condition     = azurerm_resource_group.this.tags["owner"] == "platform"
    error_message = "Tags reach the resources."
  }
}

run "no_zones" {
  command = plan

  variables {
    private_dns_zones = []
  }

  assert {
    condition     = length(azurerm_private_dns_zone.this) == 0 && length(azurerm_private_dns_zone_virtual_network_link.this) == 0
    error_message = "No zones, no links."
  }
}

run "bad_zone_is_rejected" {
  command = plan

  variables {
    private_dns_zones = ["openai.azure.com"]
  }

  expect_failures = [var.private_dns_zones]
}

run "short_retention_is_rejected" {
  command = plan

  variables {
    log_analytics = { name = "log-estate-prod", retention_days = 7 }
  }

  expect_failures = [var.log_analytics]
}

run "resource_group_ending_with_dot_is_rejected" {
  command = plan

  variables {
    resource_group_name = "rg-estate."
  }

  expect_failures = [var.resource_group_name]
}

run "sentinel_lands_each_aws_account_in_aws_cloudtrail" {
  command = plan

  variables {
    sentinel = {
      aws_s3 = {
        "aws-cloudtrail-111122223333" = {
          role_arn = "arn:aws:iam::111122223333:role/OIDC_acme-prod-sentinel"
          sqs_url  = "https://sqs.us-east-1.amazonaws.com/111122223333/acme-prod-audit-sentinel"
        }
      }
    }
  }

  assert {
    condition     = length(azurerm_sentinel_log_analytics_workspace_onboarding.this) == 1
    error_message = "Sentinel is onboarded on the workspace."
  }

  assert {
    condition     = azurerm_sentinel_data_connector_aws_s3.this["aws-cloudtrail-111122223333"].destination_table == "AWSCloudTrail" && azurerm_sentinel_data_connector_aws_s3.this["aws-cloudtrail-111122223333"].sqs_urls == tolist(["https://sqs.us-east-1.amazonaws.com/111122223333/acme-prod-audit-sentinel"])
    error_message = "The connector reads the account's queue into AWSCloudTrail."
  }
}

run "sentinel_role_without_oidc_prefix_is_rejected" {
  command = plan

  variables {
    sentinel = {
      aws_s3 = {
        "aws-cloudtrail-111122223333" = {
          role_arn = "arn:aws:iam::111122223333:role/acme-prod-sentinel"
          sqs_url  = "https://sqs.us-east-1.amazonaws.com/111122223333/acme-prod-audit-sentinel"
        }
      }
    }
  }

  expect_failures = [var.sentinel]
}

run "no_sentinel_by_default" {
  command = plan

  assert {
    condition     = length(azurerm_sentinel_log_analytics_workspace_onboarding.this) == 0 && length(azurerm_sentinel_data_connector_aws_s3.this) == 0
    error_message = "Without sentinel the workspace stays a plain Log Analytics workspace."
  }
}

run "sentinel_connector_waits_for_its_role" {
  command = plan

  variables {
    sentinel = {
      aws_s3 = {
        "aws-cloudtrail-111122223333" = {
          sqs_url = "https://sqs.us-east-1.amazonaws.com/111122223333/acme-prod-audit-sentinel"
        }
      }
    }
  }

  assert {
    condition     = length(azurerm_sentinel_log_analytics_workspace_onboarding.this) == 1 && length(azurerm_sentinel_data_connector_aws_s3.this) == 0
    error_message = "Sentinel is onboarded at once; the connector waits until the aws stack has created its role."
  }
}
