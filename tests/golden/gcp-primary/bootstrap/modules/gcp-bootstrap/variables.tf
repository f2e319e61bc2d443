variable "project_id" {
  type        = string
  description = "Project of the state bucket and the workload identity pool."
  nullable    = false
}

variable "location" {
  type        = string
  description = "Location of the state bucket (a region or multi-region)."
  nullable    = false
}

variable "state_bucket_name" {
  type        = string
  description = "Name of the bucket holding every stack's state (globally unique)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "state_bucket_name must be 3-63 lowercase letters, digits, '-' and '_'."
  }
}

variable "pool_id" {
  type        = string
  description = "Id of the workload identity pool for CI (4-32 characters; reserved for 30 days after deletion)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9-]{4,32}$", var.pool_id)) && !startswith(var.pool_id, "gcp-")
    error_message = "pool_id must be 4-32 lowercase letters, digits and '-', not starting with gcp-."
  }
}

variable "kept_versions" {
  type        = number
  description = "Overwritten versions kept per state object (how far back a bad apply can be undone)."
  default     = 20
  nullable    = false

  validation {
    condition     = var.kept_versions >= 1 && var.kept_versions <= 1000
    error_message = "kept_versions must be 1-1000."
  }
}

variable "ci_pipelines" {
  type = map(object({
    provider = string
    access   = string
    issuer   = string
    subject  = string
    roles    = list(string)
  }))
  description = "One principal per CI pipeline: github or gitlab, plan or apply, the token issuer and exact subject, and the project roles it gets besides state access."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for ci in var.ci_pipelines : contains(["github", "gitlab"], ci.provider) && contains(["plan", "apply"], ci.access)])
    error_message = "provider must be github or gitlab, access plan or apply."
  }

  validation {
    condition     = alltrue([for ci in var.ci_pipelines : length(ci.subject) > 0 && length(ci.subject) <= 127 && !strcontains(ci.subject, "*") && !strcontains(ci.subject, "\"")])
    error_message = "Each pipeline admits one exact subject of at most 127 bytes: no wildcard or quote."
  }
}
