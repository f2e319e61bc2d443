variable "name" {
  type        = string
  description = "Name of the search service (2-60 lowercase letters, digits and single hyphens; its hostname <name>.search.windows.net, globally unique)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9]|-[a-z0-9]){1,59}$", var.name))
    error_message = "name must be 2-60 lowercase letters, digits and single hyphens, starting and ending with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the service and its private endpoint."
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

variable "sku" {
  type        = string
  description = "Pricing tier. Indexers with skillsets over shared private links need standard2 or higher (Microsoft Learn, 'Troubleshoot shared private link resources'), so lower tiers are refused."
  default     = "standard2"
  nullable    = false

  validation {
    condition     = contains(["standard2", "standard3", "storage_optimized_l1", "storage_optimized_l2"], var.sku)
    error_message = "sku must be standard2, standard3, storage_optimized_l1 or storage_optimized_l2."
  }
}

variable "replica_count" {
  type        = number
  description = "Replicas (1-12): 2 give a read SLA, 3 a read/write SLA. Search units = replicas x partitions."
  default     = 1
  nullable    = false

  validation {
    condition     = var.replica_count >= 1 && var.replica_count <= 12 && floor(var.replica_count) == var.replica_count
    error_message = "replica_count must be a whole number between 1 and 12."
  }
}

variable "partition_count" {
  type        = number
  description = "Partitions (1, 2, 3, 4, 6 or 12): storage and indexing throughput."
  default     = 1
  nullable    = false

  validation {
    condition     = contains([1, 2, 3, 4, 6, 12], var.partition_count)
    error_message = "partition_count must be 1, 2, 3, 4, 6 or 12."
  }
}

variable "private_endpoint" {
  type = object({
    subnet_id           = string
    private_dns_zone_id = string
  })
  description = "Where the service's private endpoint lives (subnet_id) and the privatelink.search.windows.net zone that answers for it (private_dns_zone_id)."
  nullable    = false
}

variable "openai_account_id" {
  type        = string
  description = "Resource id of the Azure OpenAI account serving the embedding deployment (shared private link target; the service gets Cognitive Services OpenAI User on it)."
  nullable    = false
}

variable "documents" {
  type = object({
    account_id   = string
    container_id = string
  })
  description = "The documents: the storage account (shared private link target, sub-resource blob) and the container the service may read (Storage Blob Data Reader on it only)."
  nullable    = false
}

variable "reader_principal_ids" {
  type        = map(string)
  description = "Entra ID principals that query the indexes, by a name for the grant: Search Index Data Reader on this service only."
  default     = {}
  nullable    = false
}

variable "diagnostics" {
  type = object({
    log_analytics_workspace_id = string
    audit_export = optional(object({
      storage_account_id = string
      categories         = list(string)
    }))
  })
  description = "Send the service's logs and metrics to this Log Analytics workspace; null sends nothing. audit_export: also write these log categories to a storage account (the audit landing's export; Azure Monitor puts each in container insights-logs-<category>)."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource (azurerm has no provider-level default tags)."
  default     = {}
  nullable    = false
}
