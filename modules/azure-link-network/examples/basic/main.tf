# The VNet side of a cross-cloud link: a /27 GatewaySubnet and a DNS Private Resolver with a static inbound address,
# and an outbound endpoint forwarding googleapis.com to a GCP VPC's inbound entry point over the link.
# Run from this directory: terraform init && terraform plan (signed in with az login to the subscription).

terraform {
  required_version = ">= 1.9"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 5.0"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id = "00000000-0000-0000-0000-000000000000"
}

module "link_network" {
  source = "../.."

  resource_group_name  = "rg-support-assistant-prod"
  location             = "eastus2"
  virtual_network_name = "vnet-support-assistant-prod"
  virtual_network_id   = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/virtualNetworks/vnet-support-assistant-prod"
  gateway_subnet       = "10.20.0.64/27"

  dns_resolver = {
    name            = "dnspr-support-assistant-prod"
    inbound_subnet  = "10.20.0.96/28"
    inbound_address = "10.20.0.100"
  }

  dns_forwarding = {
    outbound_subnet = "10.20.0.112/28"
    forward         = { "googleapis.com" = ["10.30.0.5"] }
  }

  tags = { workload = "support-assistant" }
}

output "gateway_subnet_id" {
  description = "Resource id of the GatewaySubnet, shared by the ExpressRoute and VPN gateways."
  value       = module.link_network.gateway_subnet_id
}

output "dns_inbound_address" {
  description = "Address the other clouds forward Azure privatelink names to."
  value       = module.link_network.dns_inbound_address
}

output "forwarded_domains" {
  description = "Domains the VNet forwards to the GCP VPC's resolver."
  value       = module.link_network.forwarded_domains
}
