variable "name" {
  type        = string
  description = "Name of the Logic App workflow that ships the audit rows (1-80 letters, digits, '-', '_', '.', '(' or ')')."
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_.()-]{0,79}$", var.name))
    error_message = "name must be 1-80 letters, digits, '-', '_', '.', '(' or ')', starting with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the workflow."
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

variable "workspace_id" {
  type        = string
  description = "Resource id of the Log Analytics workspace the diagnostic settings write to: the workflow's identity gets Log Analytics Reader on it, nowhere else."
  nullable    = false

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.OperationalInsights/workspaces/[^/]+$", var.workspace_id))
    error_message = "workspace_id must be a Log Analytics workspace resource id."
  }
}

variable "workspace_customer_id" {
  type        = string
  description = "The workspace's workspace id (a GUID, the Log Analytics Query API's path): https://api.loganalytics.io/v1/workspaces/<it>/query."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.workspace_customer_id))
    error_message = "workspace_customer_id must be the workspace's GUID."
  }
}

variable "categories" {
  type        = list(string)
  description = "Resource log categories shipped (AzureDiagnostics rows whose Category is one of them, e.g. Audit, RequestResponse)."
  nullable    = false

  validation {
    condition     = length(var.categories) > 0 && alltrue([for c in var.categories : can(regex("^[A-Za-z][A-Za-z0-9]{0,49}$", c))])
    error_message = "categories must name at least one log category (letters and digits)."
  }
}

variable "interval_minutes" {
  type        = number
  description = "How often the workflow runs, and the length of each window of ingestion time it ships (windows tile: [run - interval, run))."
  nullable    = false
  default     = 15

  validation {
    condition     = contains([5, 15], var.interval_minutes)
    error_message = "interval_minutes must be 5 or 15."
  }
}

variable "batch_bytes" {
  type        = number
  description = "Estimated bytes of rows per POST (Kusto's estimate_data_size): batches stay well under the receiver function's 6 MB request limit, JSON overhead included."
  nullable    = false
  default     = 1000000

  validation {
    condition     = var.batch_bytes >= 100000 && var.batch_bytes <= 2000000
    error_message = "batch_bytes must be from 100000 to 2000000 (the receiver takes at most 6 MB per request)."
  }
}

variable "application_name" {
  type        = string
  description = "Display name of the Entra ID application whose identifier URI is the receiver's token audience."
  nullable    = false

  validation {
    condition     = length(var.application_name) >= 1 && length(var.application_name) <= 120
    error_message = "application_name must be 1-120 characters."
  }
}

variable "identifier_uri" {
  type        = string
  description = "The application's identifier URI, the audience of the workflow's tokens and of the receiver's JWT authorizer: api://<tenant id>/<name> (a form the tenant's default app policy admits)."
  nullable    = false

  validation {
    condition     = can(regex("^api://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", var.identifier_uri))
    error_message = "identifier_uri must be api://<tenant id>/<name>."
  }
}

variable "receiver_endpoint" {
  type        = string
  description = "The AWS receiver's Azure route (the aws stack's output audit_receiver_azure_endpoint). Null until that stack is applied: the workflow then runs no action and ships nothing."
  default     = null

  validation {
    condition     = var.receiver_endpoint == null || can(regex("^https://[a-z0-9]+\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com/push-azure$", var.receiver_endpoint))
    error_message = "receiver_endpoint must be the receiver's https://<api>.execute-api.<region>.amazonaws.com/push-azure URL."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for the workflow."
  default     = {}
  nullable    = false
}
