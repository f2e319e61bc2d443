variable "name" {
  type        = string
  description = "Name of the Azure Managed Redis instance (1-60 letters, digits and hyphens; part of its hostname)."
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9]([A-Za-z0-9-]{0,58}[A-Za-z0-9])?$", var.name)) && !strcontains(var.name, "--")
    error_message = "name must be 1-60 letters, digits and single hyphens, starting and ending with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the cache and its private endpoint."
  nullable    = false
}

variable "location" {
  type        = string
  description = "Azure location, e.g. eastus2."
  nullable    = false
}

variable "sku_name" {
  type        = string
  description = "Azure Managed Redis SKU, e.g. Balanced_B1, MemoryOptimized_M10, ComputeOptimized_X3."
  default     = "Balanced_B1"
  nullable    = false

  validation {
    condition     = can(regex("^(Balanced_B|MemoryOptimized_M|ComputeOptimized_X|FlashOptimized_A)[0-9]+$", var.sku_name))
    error_message = "sku_name must be an Azure Managed Redis SKU like Balanced_B1 or MemoryOptimized_M10."
  }
}

variable "high_availability" {
  type        = bool
  description = "Replicate across two nodes (the SLA needs it); off halves the price and loses the cache on a node failure."
  default     = true
  nullable    = false
}

variable "private_endpoint" {
  type = object({
    subnet_id           = string
    private_dns_zone_id = string
  })
  description = "Where the private endpoint lives (subnet_id) and the privatelink.redis.azure.net zone that answers for it (private_dns_zone_id)."
  nullable    = false
}

variable "users" {
  type        = map(string)
  description = "Caller name -> object (principal) id of its managed identity; each gets the default data access policy through Entra ID."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k, v in var.users : can(regex("^[A-Za-z0-9_-]{1,63}$", k))])
    error_message = "users keys must be 1-63 letters, digits, '-' and '_'."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for the cache and its private endpoint."
  default     = {}
  nullable    = false
}
