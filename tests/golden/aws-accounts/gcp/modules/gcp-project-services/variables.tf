variable "project_id" {
  type        = string
  description = "Project whose APIs are enabled (6-30 lowercase letters, digits and hyphens)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be 6-30 lowercase letters, digits and hyphens, start with a letter and not end with a hyphen."
  }
}

variable "services" {
  type        = set(string)
  description = "API service names to enable, e.g. aiplatform.googleapis.com."
  nullable    = false

  validation {
    condition     = length(var.services) > 0
    error_message = "services must name at least one API."
  }

  validation {
    condition     = alltrue([for s in var.services : can(regex("^[a-z][a-z0-9-]*\\.googleapis\\.com$", s))])
    error_message = "Each service must be an API service name ending in .googleapis.com."
  }
}

variable "disable_on_destroy" {
  type        = bool
  description = "Disable the APIs when this module is destroyed. Required: the choice is explicit because google 7.x has no default and disabling an API breaks everything else in the project that uses it."
  nullable    = false
}
