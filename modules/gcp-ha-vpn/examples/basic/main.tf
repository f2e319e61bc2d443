# The GCP end of an HA VPN to AWS with all four tunnels: the second apply, after the aws stack (first: aws_tunnels = {}).
# Run from this directory: TF_VAR_preshared_keys=... terraform init && terraform plan (with Google Cloud credentials).

terraform {
  required_version = ">= 1.11" # the module sends the keys write-only

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 7.40, < 9.0"
    }
  }
}

provider "google" {
  project = "acme-ai-prod"
  region  = "us-east4"
}

variable "preshared_keys" {
  type        = map(string)
  description = "IPsec pre-shared key per tunnel (0-1, 0-2, 1-1, 1-2), the same map on the other side (supply it via TF_VAR_preshared_keys)."
  sensitive   = true
}

module "ha_vpn" {
  source = "../.."

  project_id        = "acme-ai-prod"
  region            = "us-east4"
  name              = "estate-prod-aws"
  network           = "projects/acme-ai-prod/global/networks/ai-vpc"
  asn               = 64514
  aws_asn           = 64512
  advertised_ranges = ["10.31.255.254/32"]
  preshared_keys    = var.preshared_keys

  # The aws stack's `tunnels` output: per HA VPN interface, the two tunnels of its AWS VPN connection.
  aws_tunnels = {
    "0" = [
      { outside_address = "198.51.100.1", aws_inside_address = "169.254.0.9", peer_inside_address = "169.254.0.10" },
      { outside_address = "198.51.100.2", aws_inside_address = "169.254.0.13", peer_inside_address = "169.254.0.14" },
    ]
    "1" = [
      { outside_address = "198.51.100.3", aws_inside_address = "169.254.0.17", peer_inside_address = "169.254.0.18" },
      { outside_address = "198.51.100.4", aws_inside_address = "169.254.0.21", peer_inside_address = "169.254.0.22" },
    ]
  }
}

output "interface_addresses" {
  description = "Public address per HA VPN interface: the customer gateways of the aws stack."
  value       = module.ha_vpn.interface_addresses
}

output "router_id" {
  description = "Id of the Cloud Router terminating the tunnels."
  value       = module.ha_vpn.router_id
}
