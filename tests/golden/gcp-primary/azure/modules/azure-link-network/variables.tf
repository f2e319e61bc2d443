variable "resource_group_name" {
  type        = string
  description = "Resource group of the VNet."
}

variable "location" {
  type        = string
  description = "Azure location of the resolver."
}

variable "virtual_network_name" {
  type        = string
  description = "Name of the VNet the subnets are carved from."
}

variable "virtual_network_id" {
  type        = string
  description = "Resource id of the same VNet (the resolver attaches to it)."
}

variable "gateway_subnet" {
  type        = string
  description = "CIDR of the GatewaySubnet (/27 or larger, from the address plan)."

  validation {
    condition     = can(cidrhost(var.gateway_subnet, 0)) && tonumber(split("/", var.gateway_subnet)[1]) <= 27
    error_message = "gateway_subnet must be a CIDR of /27 or larger (ExpressRoute and VPN gateways share it)."
  }
}

variable "dns_resolver" {
  type = object({
    name            = string
    inbound_subnet  = string
    inbound_address = string
  })
  description = "DNS Private Resolver: name, its inbound subnet (/28 to /24) and the inbound endpoint's static address."

  validation {
    condition     = tonumber(split("/", var.dns_resolver.inbound_subnet)[1]) <= 28 && tonumber(split("/", var.dns_resolver.inbound_subnet)[1]) >= 24
    error_message = "The resolver's inbound subnet must be /28 to /24."
  }

  validation {
    condition     = cidrsubnet("${var.dns_resolver.inbound_address}/${split("/", var.dns_resolver.inbound_subnet)[1]}", 0, 0) == var.dns_resolver.inbound_subnet
    error_message = "inbound_address must lie inside inbound_subnet."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource that takes them."
  nullable    = false
  default     = {}
}

variable "dns_forwarding" {
  type = object({
    outbound_subnet = string
    forward         = map(list(string))
  })
  description = "Outbound forwarding from the VNet: the resolver's outbound subnet (/28 to /24) and domain -> resolver addresses in another cloud. A domain with no address gets no rule: the root stack passes none until its hand-over step switches it on. Null: no outbound endpoint."
  default     = null

  validation {
    condition     = var.dns_forwarding == null || try(tonumber(split("/", var.dns_forwarding.outbound_subnet)[1]) <= 28 && tonumber(split("/", var.dns_forwarding.outbound_subnet)[1]) >= 24, false)
    error_message = "The resolver's outbound subnet must be /28 to /24."
  }

  validation {
    condition     = var.dns_forwarding == null || try(alltrue([for d, ips in var.dns_forwarding.forward : alltrue([for ip in ips : can(cidrhost("${ip}/32", 0))])]), false)
    error_message = "Forwarding targets must be IPv4 addresses."
  }
}
