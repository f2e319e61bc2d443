variable "name" {
  type        = string
  description = "Name tag of the attachment."
}

variable "transit_gateway_id" {
  type        = string
  description = "The shared Transit Gateway (output of the network account's stack)."

  validation {
    condition     = can(regex("^tgw-[0-9a-f]{8}([0-9a-f]{9})?$", var.transit_gateway_id))
    error_message = "transit_gateway_id must be a Transit Gateway id like tgw-0a1b2c3d4e5f67890."
  }
}

variable "vpc_id" {
  type        = string
  description = "The VPC that attaches."

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8}([0-9a-f]{9})?$", var.vpc_id))
    error_message = "vpc_id must be a VPC id like vpc-0a1b2c3d."
  }
}

variable "subnet_ids" {
  type        = list(string)
  description = "One subnet per Availability Zone for the attachment's network interfaces (usually the private subnets)."

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids needs at least one subnet."
  }
}

variable "route_table_ids" {
  type        = list(string)
  description = "Route tables of the VPC that send destination_cidrs to the Transit Gateway (usually the private subnets' tables)."
  nullable    = false
}

variable "destination_cidrs" {
  type        = list(string)
  description = "Ranges reached through the Transit Gateway: the other accounts' VPCs (and the other clouds' networks of a link)."
  nullable    = false

  validation {
    condition     = alltrue([for c in var.destination_cidrs : can(cidrnetmask(c))])
    error_message = "destination_cidrs must be IPv4 CIDR ranges."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  nullable    = false
  default     = {}
}
