variable "project_id" {
  type        = string
  description = "Project of the VPC."
}

variable "name" {
  type        = string
  description = "Name prefix of the zones and the server policy (RFC 1035, at most 42 characters)."

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$", var.name))
    error_message = "name must be lowercase letters, digits and hyphens, start with a letter, at most 42 characters."
  }
}

variable "network" {
  type        = string
  description = "The VPC network (projects/<project>/global/networks/<name>) whose resolver forwards and answers."
}

variable "region" {
  type        = string
  description = "Region of the link's tunnels or attachments: the inbound entry points of this region are returned."
}

variable "forward" {
  type = map(object({
    domain  = string
    targets = list(string)
  }))
  description = "Zone label (a-z, 0-9, -; at most 20 characters) -> the domain forwarded and the resolver addresses in the other cloud it goes to (none yet: no zone)."
  nullable    = false
  default     = {}

  validation {
    condition     = alltrue([for k, z in var.forward : can(regex("^[a-z][-a-z0-9]{0,19}$", k)) && alltrue([for ip in z.targets : can(cidrhost("${ip}/32", 0))])])
    error_message = "Every forwarded domain needs a short label; targets are IPv4 addresses."
  }
}

variable "forward_enabled" {
  type        = bool
  description = "Create the forwarding zones. Turn on once the other cloud's resolver is reachable over the link: until then forwarding breaks those names for every caller in the VPC."
  nullable    = false
  default     = true
}

variable "inbound_enabled" {
  type        = bool
  description = "Create the inbound server policy (entry points for the other cloud's resolver). A VPC takes one server policy."
  nullable    = false
  default     = false
}
