# The Azure end of an HA VPN to AWS: active-active BGP gateway and four IPsec tunnels (after the aws stack's apply).
# Run from this directory: TF_VAR_preshared_keys=... terraform init && terraform plan (key from your secret store).

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

variable "preshared_keys" {
  type        = map(string)
  description = "IPsec pre-shared key per tunnel (0-1, 0-2, 1-1, 1-2), the same map on the other side (supply it via TF_VAR_preshared_keys)."
  sensitive   = true
}

module "vpn" {
  source = "../.."

  name                = "vpngw-support-assistant-prod"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"
  sku                 = "VpnGw2AZ"
  gateway_subnet_id   = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Network/virtualNetworks/vnet-support-assistant-prod/subnets/GatewaySubnet"
  asn                 = 65515
  aws_asn             = 64512
  preshared_keys      = var.preshared_keys

  apipa_addresses = {
    "0" = ["169.254.21.2", "169.254.22.2"]
    "1" = ["169.254.21.6", "169.254.22.6"]
  }

  # The aws stack's `tunnels` output; leave it {} on the first apply (only the gateway and its public IPs).
  aws_tunnels = {
    "0" = [
      { outside_address = "198.51.100.1", aws_inside_address = "169.254.21.1", peer_inside_address = "169.254.21.2" },
      { outside_address = "198.51.100.2", aws_inside_address = "169.254.22.1", peer_inside_address = "169.254.22.2" },
    ]
    "1" = [
      { outside_address = "198.51.100.3", aws_inside_address = "169.254.21.5", peer_inside_address = "169.254.21.6" },
      { outside_address = "198.51.100.4", aws_inside_address = "169.254.22.5", peer_inside_address = "169.254.22.6" },
    ]
  }

  tags = { workload = "support-assistant" }
}

output "public_ip_addresses" {
  description = "Public IP per gateway instance: the aws stack's customer gateways for this link."
  value       = module.vpn.public_ip_addresses
}

output "gateway_id" {
  description = "Resource id of the VPN gateway."
  value       = module.vpn.gateway_id
}
