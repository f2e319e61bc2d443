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

variable "share_with_account_ids" {
  type        = list(string)
  description = "AWS accounts (12-digit ids, same AWS Organization) the forwarding rules are shared with through AWS RAM, so their VPCs resolve the same names through this VPC's outbound endpoint."
  nullable    = false
  default     = []

  validation {
    condition     = alltrue([for id in var.share_with_account_ids : can(regex("^[0-9]{12}$", id))])
    error_message = "share_with_account_ids must be 12-digit AWS account ids."
  }
}

variable "shared_rule_ids" {
  type        = map(string)
  description = "Domain name -> id of a forwarding rule another account shared with this one (its output resolver_rule_ids), associated with this VPC. Empty until that account's rules exist."
  nullable    = false
  default     = {}

  validation {
    condition     = alltrue([for id in values(var.shared_rule_ids) : can(regex("^rslvr-rr-[0-9a-z]+$", id))])
    error_message = "shared_rule_ids values must be Route 53 Resolver rule ids like rslvr-rr-0a1b2c3d4e5f67890."
  }
}
