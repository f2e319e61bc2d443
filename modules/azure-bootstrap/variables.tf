variable "resource_group_name" {
  type        = string
  description = "Resource group of the state storage account and the CI identities."
  nullable    = false
}

variable "location" {
  type        = string
  description = "Azure region of the state and the identities."
  nullable    = false
}

variable "subscription_id" {
  type        = string
  description = "Subscription the CI identities' roles are granted in."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9a-fA-F-]{36}$", var.subscription_id))
    error_message = "subscription_id must be a subscription GUID."
  }
}

variable "storage_account_name" {
  type        = string
  description = "Name of the state storage account (globally unique, 3-24 lowercase letters and digits)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]{3,24}$", var.storage_account_name))
    error_message = "storage_account_name must be 3-24 lowercase letters and digits."
  }
}

variable "soft_delete_days" {
  type        = number
  description = "Days a deleted state blob or container can be restored."
  default     = 30
  nullable    = false

  validation {
    condition     = var.soft_delete_days >= 1 && var.soft_delete_days <= 365
    error_message = "soft_delete_days must be 1-365."
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
  description = "One managed identity per CI pipeline: its name, plan or apply, the token issuer and exact subject its federated credential admits, and the roles it gets in the subscription besides state access."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for ci in var.ci_identities : contains(["plan", "apply"], ci.access)])
    error_message = "access must be plan or apply."
  }

  validation {
    condition     = alltrue([for ci in var.ci_identities : length(ci.subject) > 0 && !strcontains(ci.subject, "*")])
    error_message = "Each identity admits one exact subject: no wildcard, never empty."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
  nullable    = false
}
