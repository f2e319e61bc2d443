variable "state_bucket_name" {
  type        = string
  description = "Name of the S3 bucket holding every stack's state (globally unique)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "state_bucket_name must be 3-63 lowercase letters, digits, '.' and '-'."
  }
}

variable "state_key_prefix" {
  type        = string
  description = "Prefix of this estate's state keys (<name>/<environment>/): the CI roles reach nothing else in the bucket."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]*/[a-z0-9]+/$", var.state_key_prefix))
    error_message = "state_key_prefix must look like <name>/<environment>/."
  }
}

variable "noncurrent_version_days" {
  type        = number
  description = "Days an overwritten state version is kept (how far back a bad apply can be undone)."
  default     = 90
  nullable    = false

  validation {
    condition     = var.noncurrent_version_days >= 1 && var.noncurrent_version_days <= 3650
    error_message = "noncurrent_version_days must be 1-3650."
  }
}

variable "ci_roles" {
  type = map(object({
    name                = string
    access              = string
    issuer              = string
    subject             = string
    oidc_provider_arn   = string
    managed_policy_arns = list(string)
  }))
  description = "One role per CI pipeline: its role name, plan or apply, the token issuer and exact subject it admits, the account's OIDC provider for that issuer, and the managed policies it gets besides state access."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for r in var.ci_roles : contains(["plan", "apply"], r.access)])
    error_message = "access must be plan or apply."
  }

  validation {
    condition     = alltrue([for r in var.ci_roles : length(r.subject) > 0 && !strcontains(r.subject, "*")])
    error_message = "Each role admits one exact subject: no wildcard, never empty."
  }

  validation {
    condition     = alltrue([for r in var.ci_roles : can(regex("^https://[^\\s?#*]+$", r.issuer))])
    error_message = "issuer must be an https:// URL."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
  nullable    = false
}
