variable "name" {
  type        = string
  description = "Name tag of the virtual private gateway."
}

variable "vpc_id" {
  type        = string
  description = "VPC the gateway attaches to."

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8}([0-9a-f]{9})?$", var.vpc_id))
    error_message = "vpc_id must be a VPC id like vpc-0a1b2c3d."
  }
}

variable "amazon_side_asn" {
  type        = number
  description = "BGP ASN of the AWS side (private range: 64512-65534 or 4200000000-4294967294)."

  validation {
    condition     = (var.amazon_side_asn >= 64512 && var.amazon_side_asn <= 65534) || (var.amazon_side_asn >= 4200000000 && var.amazon_side_asn <= 4294967294)
    error_message = "amazon_side_asn must be a private ASN: 64512-65534 or 4200000000-4294967294."
  }
}

variable "route_table_ids" {
  type        = list(string)
  description = "Route tables that receive the routes learned over BGP (usually the private subnets' tables)."
  nullable    = false
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  nullable    = false
  default     = {}
}
