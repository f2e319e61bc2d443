variable "resource_group_name" {
  type        = string
  description = "Resource group created for the CI identities."
  nullable    = false
}

variable "location" {
  type        = string
  description = "Azure region of the resource group and identities."
  nullable    = false
}

variable "subscription_id" {
  type        = string
  description = "Subscription the identities get their roles in."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", var.subscription_id))
    error_message = "subscription_id must be a GUID."
  }
}

variable "ci_identities" {
  type = map(object({
    name    = string
    access  = string
    issuer  = string
    subject = string
    roles   = list(string)
  }))
  description = "One identity per CI pipeline: its name, plan or apply, the token issuer and exact subject it admits, and the roles it gets at subscription scope."
  nullable    = false

  validation {
    condition     = alltrue([for ci in var.ci_identities : contains(["plan", "apply"], ci.access)])
    error_message = "access must be plan or apply."
  }

  validation {
    condition     = alltrue([for ci in var.ci_identities : length(ci.subject) > 0 && !strcontains(ci.subject, "*")])
    error_message = "Each identity admits one exact subject: no wildcard, never empty."
  }

  validation {
    condition     = alltrue([for ci in var.ci_identities : !contains(ci.roles, "Owner")])
    error_message = "A CI identity never gets Owner: it could grant itself anything. Grant narrower roles."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
  nullable    = false
}
