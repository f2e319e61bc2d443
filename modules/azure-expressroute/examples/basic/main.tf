# An ExpressRoute circuit at a colocation and a zone-redundant gateway; peering and connection once it is provisioned.
# Run from this directory: terraform init && terraform apply; after the partner provisions the circuit with its
# service key, apply again with -var circuit_provisioned=true.

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

variable "circuit_provisioned" {
  type        = bool
  description = "Set to true once the connectivity partner reports the circuit as provisioned (second apply)."
  default     = false
}

module "expressroute" {
  source = "../.."

  name                = "erc-support-assistant-prod-aws"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"

  circuit = {
    service_provider_name = "Equinix"
    peering_location      = "Washington DC"
    bandwidth_in_mbps     = 1000
    tier                  = "Standard"
    family                = "MeteredData"
  }

  circuit_provisioned = var.circuit_provisioned

  private_peering = {
    peer_asn         = 65010
    primary_prefix   = "192.168.255.0/30"
    secondary_prefix = "192.168.255.4/30"
    vlan_id          = 100
  }

  gateway_sku       = "ErGw2AZ"
  gateway_subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/virtualNetworks/vnet-support-assistant-prod/subnets/GatewaySubnet"

  tags = { workload = "support-assistant" }
}

output "circuit_id" {
  description = "Resource id of the ExpressRoute circuit."
  value       = module.expressroute.circuit_id
}

output "provisioning_state" {
  description = "The partner's provisioning state; apply with circuit_provisioned = true once it reads Provisioned."
  value       = module.expressroute.provisioning_state
}
