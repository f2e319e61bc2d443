variable "name" {
  type        = string
  description = "Account name, also its custom subdomain (<name>.openai.azure.com): 2-64 lowercase letters, digits and hyphens; globally unique."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$", var.name))
    error_message = "name must be 2-64 lowercase letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the account and its private endpoint."
  nullable    = false
}

variable "location" {
  type        = string
  description = "Azure location of the account, e.g. eastus2."
  nullable    = false
}

variable "public_network_access_enabled" {
  type        = bool
  description = "Open the public endpoint (Entra ID auth is still required). False: reachable only through the private endpoint."
  default     = false
  nullable    = false
}

variable "allowed_ip_ranges" {
  type        = list(string)
  description = "With public access on: the only public IPv4 addresses or CIDR ranges allowed (empty: any address)."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for r in var.allowed_ip_ranges : can(cidrhost(strcontains(r, "/") ? r : "${r}/32", 0))])
    error_message = "allowed_ip_ranges must hold IPv4 addresses or CIDR ranges."
  }
}

variable "allowed_outbound_fqdns" {
  type        = list(string)
  description = "The only FQDNs the account may call out to (outbound network access is restricted; empty: none)."
  default     = []
  nullable    = false
}

variable "deployments" {
  type = map(object({
    name                   = string
    model                  = string
    version                = string
    sku                    = string
    capacity               = number
    spillover              = optional(string)
    content_filter         = optional(string)
    version_upgrade_option = optional(string, "OnceCurrentVersionExpired")
  }))
  description = <<-EOT
    Model deployments keyed by name. Required: name, model (e.g. gpt-4o), version (e.g. 2024-11-20), sku (Standard,
    GlobalStandard, DataZoneStandard, GlobalBatch, DataZoneBatch, ProvisionedManaged, GlobalProvisionedManaged,
    DataZoneProvisionedManaged; changing it replaces the deployment), capacity (PTUs for *ProvisionedManaged, thousands
    of tokens per minute otherwise). Optional: spillover (key of a pay-as-you-go deployment that takes traffic above
    the PTUs), content_filter (key in content_filters), version_upgrade_option (OnceNewDefaultVersionAvailable,
    OnceCurrentVersionExpired (default), NoAutoUpgrade). PTU minimums and increments per model are checked by mcai.
  EOT
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for d in values(var.deployments) : contains(["Standard", "GlobalStandard", "DataZoneStandard", "GlobalBatch", "DataZoneBatch", "ProvisionedManaged", "GlobalProvisionedManaged", "DataZoneProvisionedManaged"], d.sku)])
    error_message = "sku must be Standard, GlobalStandard, DataZoneStandard, GlobalBatch, DataZoneBatch, ProvisionedManaged, GlobalProvisionedManaged or DataZoneProvisionedManaged."
  }

  validation {
    condition     = alltrue([for d in values(var.deployments) : d.capacity >= 1 && floor(d.capacity) == d.capacity])
    error_message = "capacity must be a whole number, at least 1."
  }

  validation {
    condition     = alltrue([for d in values(var.deployments) : contains(["OnceNewDefaultVersionAvailable", "OnceCurrentVersionExpired", "NoAutoUpgrade"], d.version_upgrade_option)])
    error_message = "version_upgrade_option must be OnceNewDefaultVersionAvailable, OnceCurrentVersionExpired or NoAutoUpgrade."
  }

  validation {
    condition = alltrue([for d in values(var.deployments) : d.spillover == null || try(
      endswith(d.sku, "ProvisionedManaged") && !endswith(var.deployments[d.spillover].sku, "ProvisionedManaged") && var.deployments[d.spillover].spillover == null,
    false)])
    error_message = "spillover is for *ProvisionedManaged deployments and must name another deployment in this map that is pay-as-you-go and has no spillover itself."
  }

  validation {
    condition     = alltrue([for d in values(var.deployments) : d.content_filter == null || contains(keys(var.content_filters), coalesce(d.content_filter, "-"))])
    error_message = "content_filter must name a key of content_filters."
  }
}

variable "content_filters" {
  type = map(object({
    mode = optional(string, "Default")
    filters = list(object({
      name               = string
      source             = string
      severity_threshold = optional(string)
      block              = bool
    }))
  }))
  description = <<-EOT
    Content filter (RAI) policies keyed by policy name, on top of Microsoft.DefaultV2. Optional: mode (Default,
    Deferred, Blocking, Asynchronous_filter). filters: name (Hate, Sexual, Violence, Selfharm, Jailbreak, ...), source
    (Prompt or Completion), severity_threshold (Low, Medium, High: block at this severity and above; null for
    non-graded filters), block.
  EOT
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for p in values(var.content_filters) : contains(["Default", "Deferred", "Blocking", "Asynchronous_filter"], p.mode)])
    error_message = "Content filter mode must be Default, Deferred, Blocking or Asynchronous_filter."
  }

  validation {
    condition = alltrue(flatten([for p in values(var.content_filters) : [
      for f in p.filters : contains(["Prompt", "Completion"], f.source) && (f.severity_threshold == null || contains(["Low", "Medium", "High"], coalesce(f.severity_threshold, "Low")))
    ]]))
    error_message = "Each filter's source must be Prompt or Completion and severity_threshold Low, Medium, High or null."
  }
}

variable "private_endpoint" {
  type = object({
    subnet_id            = string
    private_dns_zone_ids = list(string)
  })
  description = "Private endpoint for the account (sub-resource `account`) in subnet_id, registering its records in the given privatelink zones. Null: none."
  default     = null
}

variable "diagnostics" {
  type = object({
    log_analytics_workspace_id = string
    audit_export = optional(object({
      storage_account_id = string
      categories         = list(string)
    }))
  })
  description = "Send the account's logs (all categories) and metrics to this Log Analytics workspace. Null: no diagnostic setting. (An object, so the switch is known at plan time even when the id is not.) audit_export: also write these log categories to a storage account (the audit landing's export; Azure Monitor puts each in container insights-logs-<category>)."
  default     = null
}

variable "openai_user_principal_ids" {
  type        = map(string)
  description = "Principal (object) ids keyed by a stable name, each granted \"Cognitive Services OpenAI User\" on the account (inference only)."
  default     = {}
  nullable    = false
}

variable "tags" {
  type        = map(string)
  description = "Tags for every taggable resource (azurerm has no provider-level default tags)."
  default     = {}
  nullable    = false
}
