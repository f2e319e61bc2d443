# The AWS end of a private link: a Direct Connect gateway and a private interface on the partner's hosted connection.
# Run from this directory: terraform init && terraform plan (with AWS credentials for the account).

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

module "direct_connect" {
  source = "../.."

  name             = "support-assistant-prod-aws-azure"
  amazon_side_asn  = 64513
  vpn_gateway_id   = "vgw-0a1b2c3d4e5f67890"
  allowed_prefixes = ["10.10.0.0/16"]
  connection_id    = "dxcon-fgabc123"
  hosted           = true

  virtual_interface = {
    vlan             = 101
    peer_asn         = 65010
    amazon_address   = "169.254.0.5/30"
    customer_address = "169.254.0.6/30"
    mtu              = 9001
  }

  tags = { workload = "support-assistant" }
}

output "dx_gateway_id" {
  description = "Id of the Direct Connect gateway."
  value       = module.direct_connect.dx_gateway_id
}

output "virtual_interface_id" {
  description = "Id of the private virtual interface."
  value       = module.direct_connect.virtual_interface_id
}
