variable "ci_roles" {
  type = map(object({
    name                = string
    access              = string
    issuer              = string
    subject             = string
    oidc_provider_arn   = string
    managed_policy_arns = list(string)
  }))
  description = "One role per CI pipeline: its role name, plan or apply, the token issuer and exact subject it admits, the account's OIDC provider for that issuer, and the managed policies it gets in this account."
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

  validation {
    condition     = alltrue([for r in var.ci_roles : alltrue([for arn in r.managed_policy_arns : !endswith(arn, ":policy/AdministratorAccess")])])
    error_message = "A CI role never gets AdministratorAccess: it could rewrite its own trust. Grant narrower policies."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
  nullable    = false
}
