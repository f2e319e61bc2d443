variable "name" {
  type        = string
  description = "Name of the storage account the diagnostic settings export to (3-24 lowercase letters and digits, globally unique)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]{3,24}$", var.name))
    error_message = "name must be 3-24 lowercase letters and digits."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the account."
  nullable    = false
}

variable "location" {
  type        = string
  description = "Azure location, e.g. eastus2."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure location name like eastus2 (lowercase, no spaces)."
  }
}

variable "categories" {
  type        = list(string)
  description = "Resource log categories the diagnostic settings export here (e.g. Audit, RequestResponse): Azure Monitor writes each to container insights-logs-<category, lowercased>, which is created and granted here."
  nullable    = false

  validation {
    condition     = length(var.categories) > 0 && alltrue([for c in var.categories : can(regex("^[A-Za-z][A-Za-z0-9]{0,49}$", c))])
    error_message = "categories must name at least one log category (letters and digits, e.g. RequestResponse)."
  }
}

variable "retention_days" {
  type        = number
  description = "Days a log file is kept before the lifecycle rule deletes it (90-3650)."
  nullable    = false
  default     = 365

  validation {
    condition     = var.retention_days >= 90 && var.retention_days <= 3650 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days must be a whole number from 90 to 3650."
  }
}

variable "soft_delete_days" {
  type        = number
  description = "Days a deleted blob or container stays recoverable (7-365)."
  nullable    = false
  default     = 30

  validation {
    condition     = var.soft_delete_days >= 7 && var.soft_delete_days <= 365
    error_message = "soft_delete_days must be from 7 to 365."
  }
}

variable "application_name" {
  type        = string
  description = "Display name of the Entra ID application Storage Transfer Service signs in as."
  nullable    = false

  validation {
    condition     = length(var.application_name) >= 1 && length(var.application_name) <= 120
    error_message = "application_name must be 1-120 characters."
  }
}

variable "transfer_subject_id" {
  type        = string
  description = "Subject id of the GCP project's Storage Transfer Service agent (the gcp stack's output audit_transfer_subject_id): the one subject the federated credential trusts. Null: no credential yet, so nothing can sign in."
  default     = null

  validation {
    condition     = var.transfer_subject_id == null || can(regex("^[0-9]{10,30}$", var.transfer_subject_id))
    error_message = "transfer_subject_id must be the agent's numeric subject id (not its email)."
  }
}

variable "allowed_ip_ranges" {
  type        = list(string)
  description = "Public ranges allowed through the account's firewall (Storage Transfer Service's published worker ranges). Empty: the firewall stays open and only Entra ID tokens guard the account."
  default     = []
  nullable    = false
}

variable "tags" {
  type        = map(string)
  description = "Tags for the storage account (azurerm has no provider-level default tags)."
  default     = {}
  nullable    = false
}
