variable "project_id" {
  type        = string
  description = "Project of the router and attachments."
}

variable "region" {
  type        = string
  description = "Region of the router and attachments."
}

variable "name" {
  type        = string
  description = "Name prefix (RFC 1035) of the router and attachments."

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,44}[a-z0-9])?$", var.name))
    error_message = "name must be RFC 1035, at most 46 characters (derived names add suffixes)."
  }
}

variable "network" {
  type        = string
  description = "VPC network (projects/<project>/global/networks/<name>)."
}

variable "type" {
  type        = string
  description = "PARTNER (a partner's port) or DEDICATED (your Dedicated or Cross-Cloud Interconnect)."

  validation {
    condition     = contains(["PARTNER", "DEDICATED"], var.type)
    error_message = "type must be PARTNER or DEDICATED."
  }
}

variable "router_asn" {
  type        = number
  description = "Cloud Router ASN: 16550 for Partner Interconnect, else a private ASN."

  validation {
    condition     = var.router_asn == 16550 || (var.router_asn >= 64512 && var.router_asn <= 65534) || (var.router_asn >= 4200000000 && var.router_asn <= 4294967294)
    error_message = "router_asn must be 16550 (Partner Interconnect) or a private ASN."
  }
}

variable "edge_availability_domains" {
  type        = list(number)
  description = "Partner only: edge availability domains (1, 2), one attachment each."
  nullable    = false
  default     = [1, 2]

  validation {
    condition     = length(var.edge_availability_domains) > 0 && alltrue([for d in var.edge_availability_domains : contains([1, 2], d)])
    error_message = "edge_availability_domains holds 1 and/or 2."
  }
}

variable "mtu" {
  type        = number
  description = "MTU of the attachments."
  default     = 1440

  validation {
    condition     = contains([1440, 1460, 1500, 8896], var.mtu)
    error_message = "mtu must be 1440, 1460, 1500 or 8896."
  }
}

variable "dedicated" {
  type = object({
    interconnect     = string
    vlan             = number
    bandwidth        = string
    candidate_subnet = string
    peer_asn         = number
  })
  description = "DEDICATED only: the Interconnect (URL or name), VLAN, bandwidth (BPS_...), link-local /29 and the peer's ASN."
  default     = null

  validation {
    condition     = var.dedicated == null ? true : (var.dedicated.vlan >= 2 && var.dedicated.vlan <= 4094 && can(regex("^BPS_[0-9]+[MG]$", var.dedicated.bandwidth)) && startswith(var.dedicated.candidate_subnet, "169.254."))
    error_message = "dedicated needs a VLAN 2-4094, a BPS_* bandwidth and a link-local candidate subnet."
  }
}

variable "advertised_ranges" {
  type        = list(string)
  description = "Extra ranges advertised to AWS besides the VPC's subnets (e.g. the Private Service Connect address)."
  nullable    = false
  default     = []
}
