variable "project_id" {
  type        = string
  description = "Project that owns the pool and receives direct grants."
  nullable    = false
}

variable "pool_id" {
  type        = string
  description = "Workload identity pool id: 4-32 lowercase letters, digits and '-', not starting with 'gcp-' (reserved)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9-]{4,32}$", var.pool_id)) && !startswith(var.pool_id, "gcp-")
    error_message = "pool_id must be 4-32 lowercase letters, digits and '-', and must not start with 'gcp-' (Google reserves it)."
  }
}

variable "provider_id" {
  type        = string
  description = "Pool provider id: 4-32 lowercase letters, digits and '-', not starting with 'gcp-' (reserved)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9-]{4,32}$", var.provider_id)) && !startswith(var.provider_id, "gcp-")
    error_message = "provider_id must be 4-32 lowercase letters, digits and '-', and must not start with 'gcp-' (Google reserves it)."
  }
}

variable "display_name" {
  type        = string
  description = "Display name of the pool and the provider (at most 32 characters)."
  nullable    = false

  validation {
    condition     = length(var.display_name) <= 32
    error_message = "display_name must be at most 32 characters."
  }
}

variable "description" {
  type        = string
  description = "What the pool is for (at most 256 characters)."
  default     = ""
  nullable    = false

  validation {
    condition     = length(var.description) <= 256
    error_message = "description must be at most 256 characters."
  }
}

variable "aws" {
  type = object({
    account_id = string
    role_name  = string
  })
  description = "Trust an AWS IAM role: the account it lives in and the role name; only sessions of that role are admitted. Null when oidc is set."
  default     = null

  validation {
    condition     = var.aws == null || try(can(regex("^[0-9]{12}$", var.aws.account_id)) && can(regex("^[\\w+=,.@-]{1,64}$", var.aws.role_name)), false)
    error_message = "aws.account_id must be 12 digits and aws.role_name an IAM role name (1-64 of letters, digits and +=,.@_-)."
  }
}

variable "oidc" {
  type = object({
    issuer_uri = string
    subject    = string
  })
  description = "Trust an OIDC issuer (e.g. an EKS cluster's) for exactly one subject (system:serviceaccount:<namespace>:<name>). Null when aws is set."
  default     = null

  validation {
    condition     = var.oidc == null || try(startswith(var.oidc.issuer_uri, "https://") && length(var.oidc.subject) >= 1 && length(var.oidc.subject) <= 127, false)
    error_message = "oidc.issuer_uri must be an https URL and oidc.subject 1-127 characters (it becomes google.subject)."
  }

  # Google requires exactly one identity source per provider; checked here so a plan fails before the API does.
  validation {
    condition     = (var.aws == null) != (var.oidc == null)
    error_message = "Set exactly one of aws and oidc."
  }
}

variable "more_oidc_issuers" {
  type        = map(string)
  description = "More OIDC issuers (e.g. other EKS clusters running the same service account), keyed by provider id: each gets a provider of its own in the pool, admitting the same subject as oidc, so the principal and its grants are shared. Empty: one issuer."
  default     = {}
  nullable    = false

  validation {
    condition     = length(var.more_oidc_issuers) == 0 || var.oidc != null
    error_message = "more_oidc_issuers needs oidc (they trust the same subject under other issuers)."
  }

  validation {
    condition     = alltrue([for id, issuer in var.more_oidc_issuers : can(regex("^[a-z0-9-]{4,32}$", id)) && !startswith(id, "gcp-") && startswith(issuer, "https://")])
    error_message = "Each key must be a provider id (4-32 lowercase letters, digits and '-', not starting with 'gcp-') and each issuer an https URL."
  }
}

variable "direct_grants" {
  type = object({
    project_roles = optional(set(string), [])
    bigquery_datasets = optional(map(object({
      dataset_id = string
      role       = string
    })), {})
  })
  description = "Roles granted to the federated principal itself (no service account). Optional: project_roles (predefined roles, e.g. roles/aiplatform.user), bigquery_datasets (keyed by name: dataset_id, role). Empty when a service account is impersonated instead."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for r in concat(tolist(var.direct_grants.project_roles), [for d in values(var.direct_grants.bigquery_datasets) : d.role]) : can(regex("^roles/[a-zA-Z]+\\.[a-zA-Z.]+$", r))])
    error_message = "Each role must be a predefined role like roles/aiplatform.user; primitive roles (owner, editor, viewer) are not least privilege."
  }
}
