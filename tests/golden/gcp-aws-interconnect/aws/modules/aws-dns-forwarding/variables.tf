variable "name" {
  type        = string
  description = "Name prefix of the endpoint, rules and security group."
}

variable "vpc_id" {
  type        = string
  description = "VPC whose resolver forwards the names."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Subnets (two or more, in different availability zones) for the outbound endpoint's addresses."
  nullable    = false

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "A Route 53 Resolver endpoint needs addresses in at least two subnets."
  }
}

variable "forward" {
  type        = map(list(string))
  description = "Domain name -> resolver addresses in another cloud it is forwarded to (e.g. the Azure DNS Private Resolver inbound endpoint)."
  nullable    = false
  default     = {}

  validation {
    condition     = alltrue([for d, ips in var.forward : length(ips) > 0 && alltrue([for ip in ips : can(cidrhost("${ip}/32", 0))])])
    error_message = "Every forwarded domain needs at least one IPv4 target address."
  }
}

variable "forward_enabled" {
  type        = bool
  description = "Create the forwarding rules (and the outbound endpoint). Turn on once the other cloud's resolver is reachable over the link: until then forwarding breaks those names for every caller in the VPC."
  nullable    = false
  default     = true
}

variable "private_zones_enabled" {
  type        = bool
  description = "Create the private zones. Turn on once the address they answer with is reachable over the link: until then every call to those names from the VPC fails."
  nullable    = false
  default     = true
}

variable "private_zones" {
  type        = map(string)
  description = "Zone name -> the private address its apex and every name under it resolve to."
  nullable    = false
  default     = {}
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource that takes them."
  nullable    = false
  default     = {}
}

variable "inbound_cidrs" {
  type        = list(string)
  description = "Ranges of the other clouds' resolvers allowed to query this VPC's private names through an inbound endpoint (empty: no inbound endpoint)."
  nullable    = false
  default     = []

  validation {
    condition     = alltrue([for c in var.inbound_cidrs : can(cidrhost(c, 0))])
    error_message = "inbound_cidrs must be IPv4 CIDRs."
  }
}
