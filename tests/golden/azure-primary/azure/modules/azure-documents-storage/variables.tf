variable "name" {
  type        = string
  description = "Name of the storage account (3-24 lowercase letters and digits, globally unique; part of its hostname)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]{3,24}$", var.name))
    error_message = "name must be 3-24 lowercase letters and digits."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the account and its private endpoint."
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

variable "container_name" {
  type        = string
  description = "Blob container holding the documents (3-63 lowercase letters, digits and single hyphens)."
  default     = "documents"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9]|-[a-z0-9]){2,62}$", var.container_name))
    error_message = "container_name must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit."
  }
}

variable "private_endpoint" {
  type = object({
    subnet_id           = string
    private_dns_zone_id = string
  })
  description = "Where the blob private endpoint lives (subnet_id) and the privatelink.blob.core.windows.net zone that answers for it (private_dns_zone_id)."
  nullable    = false
}

variable "soft_delete_days" {
  type        = number
  description = "Days deleted blobs, versions and containers are kept (1-365)."
  default     = 14
  nullable    = false

  validation {
    condition     = var.soft_delete_days >= 1 && var.soft_delete_days <= 365
    error_message = "soft_delete_days must be between 1 and 365."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource (azurerm has no provider-level default tags)."
  default     = {}
  nullable    = false
}
