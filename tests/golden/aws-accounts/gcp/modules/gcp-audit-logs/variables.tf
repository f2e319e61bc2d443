variable "project_id" {
  type        = string
  description = "Project whose Data Access audit logs are turned on (6-30 lowercase letters, digits and hyphens)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be 6-30 lowercase letters, digits and hyphens, start with a letter and not end with a hyphen."
  }
}

variable "services" {
  type        = set(string)
  description = "API service names whose Data Access logs are written, e.g. aiplatform.googleapis.com (and pushed to AWS with aws_landing)."
  nullable    = false

  validation {
    condition     = length(var.services) > 0 || var.aws_landing != null
    error_message = "services must name at least one API (none only when the Admin Activity logs alone are pushed to AWS)."
  }

  validation {
    condition     = alltrue([for s in var.services : can(regex("^[a-z][a-z0-9-]*\\.googleapis\\.com$", s))])
    error_message = "Each service must be an API service name ending in .googleapis.com."
  }
}

variable "log_types" {
  type        = set(string)
  description = "Data Access log types to write: DATA_READ, DATA_WRITE (ADMIN_READ is optional, Admin Activity is always on)."
  nullable    = false
  default     = ["DATA_READ", "DATA_WRITE"]

  validation {
    condition     = length(var.log_types) > 0 && alltrue([for t in var.log_types : contains(["ADMIN_READ", "DATA_READ", "DATA_WRITE"], t)])
    error_message = "log_types must be a non-empty set of ADMIN_READ, DATA_READ and DATA_WRITE."
  }
}

variable "aws_landing" {
  type = object({
    name               = string
    service_account_id = string
    project_number     = string
    audience           = string
    push_endpoint      = optional(string)
  })
  description = "Push the audit logs to an AWS control plane's receiver: the topic, sink and subscription name, the pusher service account's id, the project number (its Pub/Sub service agent), the exact token audience the receiver admits, and the receiver's endpoint (the aws stack's output; no subscription until it is given). Null: the logs stay in Cloud Logging."
  default     = null

  validation {
    condition     = var.aws_landing == null || can(regex("^[a-z][a-z0-9-]{2,98}[a-z0-9]$", var.aws_landing.name))
    error_message = "aws_landing.name must be 4-100 lowercase letters, digits or '-', starting with a letter."
  }

  validation {
    condition     = var.aws_landing == null || can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.aws_landing.service_account_id))
    error_message = "aws_landing.service_account_id must be 6-30 lowercase letters, digits or '-'."
  }

  validation {
    condition     = var.aws_landing == null || can(regex("^[0-9]{6,20}$", var.aws_landing.project_number))
    error_message = "aws_landing.project_number must be the project's number."
  }

  validation {
    condition     = try(var.aws_landing.push_endpoint, null) == null || can(regex("^https://[a-z0-9.-]+(/[A-Za-z0-9._~/-]*)?$", var.aws_landing.push_endpoint))
    error_message = "aws_landing.push_endpoint must be an https URL."
  }
}

variable "sentinel_landing" {
  type = object({
    name               = string
    service_account_id = string
    pool_id            = string
    provider_id        = string
    issuer             = string
    audience           = string
  })
  description = "Let Microsoft Sentinel (an Azure control plane) pull the audit logs: the topic, sink and pull subscription name, the service account it impersonates, the workload identity pool (id: the Azure tenant id without dashes, as Sentinel's connector looks it up) and provider, and the issuer and the one audience Sentinel's tokens carry. Null: no Sentinel landing."
  default     = null

  validation {
    condition     = var.sentinel_landing == null || can(regex("^[a-z][a-z0-9-]{2,98}[a-z0-9]$", var.sentinel_landing.name))
    error_message = "sentinel_landing.name must be 4-100 lowercase letters, digits or '-', starting with a letter."
  }

  validation {
    condition     = var.sentinel_landing == null || can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.sentinel_landing.service_account_id))
    error_message = "sentinel_landing.service_account_id must be 6-30 lowercase letters, digits or '-'."
  }

  validation {
    condition     = var.sentinel_landing == null || can(regex("^[0-9a-f]{32}$", var.sentinel_landing.pool_id))
    error_message = "sentinel_landing.pool_id must be the Azure tenant id without dashes (32 lowercase hex digits)."
  }

  validation {
    condition     = var.sentinel_landing == null || can(regex("^[a-z0-9-]{4,32}$", var.sentinel_landing.provider_id))
    error_message = "sentinel_landing.provider_id must be 4-32 lowercase letters, digits or '-'."
  }

  validation {
    condition     = var.sentinel_landing == null ? true : startswith(var.sentinel_landing.issuer, "https://sts.windows.net/") && startswith(var.sentinel_landing.audience, "api://")
    error_message = "sentinel_landing.issuer must be an Entra tenant issuer (https://sts.windows.net/...) and audience an api:// app id URI."
  }
}
