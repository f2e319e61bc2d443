variable "project_id" {
  type        = string
  description = "Project that owns the VPC network."
  nullable    = false
}

variable "endpoint_name" {
  type        = string
  description = "Name of the endpoint (forwarding rule and address): 1-20 lowercase letters and digits, starting with a letter."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,19}$", var.endpoint_name))
    error_message = "endpoint_name must be 1-20 lowercase letters and digits, starting with a letter (the rule for PSC endpoints to Google APIs)."
  }
}

variable "address" {
  type        = string
  description = "Internal IPv4 address of the endpoint; it must lie outside every subnet range of the network and of linked networks."
  nullable    = false

  validation {
    condition     = try(cidrhost("${var.address}/32", 0) == var.address, false)
    error_message = "address must be a single IPv4 address such as 10.31.255.254."
  }
}

variable "network" {
  type        = string
  description = "The VPC network: projects/<project>/global/networks/<name> or its self link."
  nullable    = false

  validation {
    condition     = can(regex("projects/[^/]+/global/networks/[^/]+$", var.network))
    error_message = "network must be projects/<project>/global/networks/<name> or a self link ending in it."
  }
}

variable "dns_zone_prefix" {
  type        = string
  description = "Prefix of the two private DNS zone names (<prefix>-googleapis, <prefix>-p-googleapis)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,48}$", var.dns_zone_prefix))
    error_message = "dns_zone_prefix must be 1-49 lowercase letters, digits and hyphens, starting with a letter."
  }
}
