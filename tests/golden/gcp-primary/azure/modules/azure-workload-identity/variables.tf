variable "name" {
  type        = string
  description = "Name of the user-assigned managed identity: 3-128 letters, digits, '-' and '_', starting with a letter or digit."
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$", var.name))
    error_message = "name must be 3-128 letters, digits, '-' and '_', starting with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the identity."
  nullable    = false
}

variable "location" {
  type        = string
  description = "Azure location of the identity, e.g. eastus2."
  nullable    = false
}

variable "federated_credentials" {
  type = list(object({
    name    = string
    issuer  = string
    subject = string
  }))
  description = <<-EOT
    Tokens the identity trusts, in creation order (the first is created alone, the rest after it). Required per item:
    name (3-120 letters, digits, '-' and '_', starting with a letter or digit; immutable), issuer (https URL of the
    token issuer, at most 600 characters), subject (the exact `sub` claim, at most 600 characters, no wildcards).
    The audience is always api://AzureADTokenExchange. At most 20 per identity; each issuer+subject pair once.
  EOT
  nullable    = false

  validation {
    condition     = length(var.federated_credentials) >= 1 && length(var.federated_credentials) <= 20
    error_message = "An identity needs 1 to 20 federated credentials (the Entra ID limit is 20 per identity)."
  }

  validation {
    condition     = alltrue([for c in var.federated_credentials : can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$", c.name))])
    error_message = "Each credential name must be 3-120 letters, digits, '-' and '_', starting with a letter or digit."
  }

  validation {
    condition     = alltrue([for c in var.federated_credentials : startswith(c.issuer, "https://") && length(c.issuer) <= 600 && length(c.subject) >= 1 && length(c.subject) <= 600 && !strcontains(c.subject, "*")])
    error_message = "Each issuer must be an https URL and each subject non-empty without wildcards, both at most 600 characters."
  }

  validation {
    condition     = length(distinct([for c in var.federated_credentials : c.name])) == length(var.federated_credentials)
    error_message = "Credential names must be unique on one identity."
  }

  validation {
    condition     = length(distinct([for c in var.federated_credentials : "${c.issuer} ${c.subject}"])) == length(var.federated_credentials)
    error_message = "Each issuer+subject pair may be trusted once per identity."
  }
}

variable "role_assignments" {
  type = map(object({
    scope                = string
    role_definition_name = string
  }))
  description = "Roles granted to the identity, keyed by a stable name. Required per item: scope (a resource id, never a subscription or management group), role_definition_name (e.g. Cognitive Services OpenAI User)."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for a in values(var.role_assignments) : can(regex("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/.+", a.scope))])
    error_message = "Each scope must be a single resource id (/subscriptions/<id>/resourceGroups/<rg>/providers/...), not a subscription or resource group."
  }

  validation {
    condition     = alltrue([for a in values(var.role_assignments) : !contains(["Owner", "Contributor", "User Access Administrator"], a.role_definition_name)])
    error_message = "Owner, Contributor and User Access Administrator are not least privilege for a workload."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for the identity."
  default     = {}
  nullable    = false
}
