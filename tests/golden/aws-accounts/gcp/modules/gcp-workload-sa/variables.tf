variable "project_id" {
  type        = string
  description = "Project that owns the service account and receives the role grants."
  nullable    = false
}

variable "account_id" {
  type        = string
  description = "Service account id: 6-30 lowercase letters, digits and hyphens, starting with a letter."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{4,28}[a-z0-9])$", var.account_id))
    error_message = "account_id must be 6-30 lowercase letters, digits and hyphens, start with a letter and not end with a hyphen."
  }
}

variable "display_name" {
  type        = string
  description = "Human-readable name (at most 100 characters)."
  nullable    = false

  validation {
    condition     = length(var.display_name) <= 100
    error_message = "display_name must be at most 100 characters."
  }
}

variable "description" {
  type        = string
  description = "What the service account is for (at most 256 characters)."
  default     = ""
  nullable    = false

  validation {
    condition     = length(var.description) <= 256
    error_message = "description must be at most 256 characters."
  }
}

variable "project_roles" {
  type        = set(string)
  description = "Predefined project roles granted to the service account, e.g. roles/aiplatform.user. Primitive roles (owner, editor, viewer) are refused."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for r in var.project_roles : can(regex("^roles/[a-zA-Z]+\\.[a-zA-Z.]+$", r))])
    error_message = "Each project role must be a predefined role like roles/aiplatform.user; the primitive owner, editor and viewer roles are not least privilege."
  }
}

variable "workload_identity_members" {
  type        = map(string)
  description = "Who may impersonate the service account (roles/iam.workloadIdentityUser), keyed by a stable name: principal:// or principalSet:// identifiers of a workload identity pool. Empty until federation is configured."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for m in values(var.workload_identity_members) : can(regex("^principal(Set)?://iam\\.googleapis\\.com/", m))])
    error_message = "Each member must be a principal:// or principalSet:// identifier from a workload identity pool (no users, groups or other service accounts)."
  }
}
