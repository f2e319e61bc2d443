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
  description = "API service names whose Data Access logs are written, e.g. aiplatform.googleapis.com."
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
