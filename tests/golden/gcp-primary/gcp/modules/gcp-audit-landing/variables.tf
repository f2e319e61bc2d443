variable "project_id" {
  type        = string
  description = "Project of the control plane's log store (6-30 lowercase letters, digits and hyphens)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be 6-30 lowercase letters, digits and hyphens, start with a letter and not end with a hyphen."
  }
}

variable "bucket_name" {
  type        = string
  description = "Cloud Storage bucket the other clouds' audit log files land in (3-63 lowercase letters, digits, '-', '_' and '.')."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lowercase letters, digits, '-', '_' or '.', starting and ending with a letter or digit."
  }
}

variable "location" {
  type        = string
  description = "Location of the bucket (a region, e.g. us-east4)."
  nullable    = false
}

variable "retention_days" {
  type        = number
  description = "Days a landed log file is kept before the lifecycle rule deletes it (90-3650)."
  nullable    = false
  default     = 365

  validation {
    condition     = var.retention_days >= 90 && var.retention_days <= 3650 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days must be a whole number from 90 to 3650."
  }
}

variable "aws_trails" {
  type = map(object({
    bucket_name = string
    path        = string
    role_arn    = string
  }))
  description = "The AWS trails to copy, by name (one per AWS account): each trail's bucket, the prefix of its log files (AWSLogs/<account id>/) and the IAM role Storage Transfer Service assumes to read them, a role that trusts accounts.google.com for this project's transfer service agent only (its subject id, output transfer_subject_id). No access key."
  nullable    = false
  default     = {}

  validation {
    condition     = alltrue([for t in values(var.aws_trails) : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@-]{1,64}$", t.role_arn))])
    error_message = "Each role_arn must be an IAM role ARN (the source is read through a federated role, never an access key)."
  }

  validation {
    condition     = alltrue([for t in values(var.aws_trails) : can(regex("^AWSLogs/[0-9]{12}/$", t.path))])
    error_message = "Each path must be its trail's AWSLogs/<account id>/ prefix."
  }
}

variable "azure_logs" {
  type = map(object({
    storage_account = string
    containers      = list(string)
    tenant_id       = string
    client_id       = optional(string)
  }))
  description = "Azure diagnostic log exports to copy, by the Azure stack that owns them: the storage account, its insights-logs-<category> containers, and the Entra ID application Storage Transfer Service signs in as (tenant_id, client_id), whose federated credential trusts this project's transfer service agent only (output transfer_subject_id). client_id null: that stack's jobs wait until it is handed over. No SAS token, no key."
  nullable    = false
  default     = {}

  validation {
    condition     = alltrue([for a in values(var.azure_logs) : can(regex("^[a-z0-9]{3,24}$", a.storage_account)) && length(a.containers) > 0 && alltrue([for c in a.containers : can(regex("^insights-logs-[a-z0-9-]+$", c))])])
    error_message = "Each entry needs a storage account name and at least one insights-logs-<category> container."
  }

  validation {
    condition     = alltrue([for a in values(var.azure_logs) : can(regex("^[0-9a-f-]{36}$", a.tenant_id)) && (a.client_id == null || can(regex("^[0-9a-f-]{36}$", a.client_id)))])
    error_message = "tenant_id and client_id must be GUIDs (the application's ids, never a secret)."
  }
}

variable "repeat_interval" {
  type        = string
  description = "How often the transfer copies new log files, in seconds with an 's' suffix (at least 3600s)."
  nullable    = false
  default     = "3600s"

  validation {
    condition     = can(regex("^[0-9]+s$", var.repeat_interval)) && tonumber(trimsuffix(var.repeat_interval, "s")) >= 3600
    error_message = "repeat_interval must be a number of seconds with an 's' suffix, at least 3600s."
  }
}

variable "labels" {
  type        = map(string)
  description = "Labels put on the bucket."
  nullable    = false
  default     = {}
}
