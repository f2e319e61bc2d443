# The AWS end of an HA VPN to a GCP HA VPN gateway: four BGP tunnels on the VPC's virtual private gateway.
# Run from this directory: export TF_VAR_preshared_keys (from your secret store), then terraform init && terraform plan.

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "preshared_keys" {
  type        = map(string)
  description = "IPsec pre-shared key per tunnel (0-1, 0-2, 1-1, 1-2), the same map on the other side (supply it via TF_VAR_preshared_keys)."
  sensitive   = true
}

module "vpn" {
  source = "../.."

  name           = "support-assistant-prod-aws-gcp"
  vpn_gateway_id = "vgw-0a1b2c3d4e5f67890"
  peer_asn       = 64514
  preshared_keys = var.preshared_keys

  peer_addresses = {
    "0" = "203.0.113.10"
    "1" = "203.0.113.11"
  }

  tunnel_inside_cidrs = {
    "0" = ["169.254.0.8/30", "169.254.0.12/30"]
    "1" = ["169.254.0.16/30", "169.254.0.20/30"]
  }

  tags = { workload = "support-assistant" }
}

output "tunnels" {
  description = "Per interface: both tunnels' AWS public and inside addresses, for the GCP side."
  value       = module.vpn.tunnels
}
