variable "role_name" {
  type        = string
  description = "Name of the IAM role the workload assumes (1-64 characters)."
  nullable    = false

  validation {
    condition     = can(regex("^[\\w+=,.@-]{1,64}$", var.role_name))
    error_message = "role_name must be 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "trust" {
  type = object({
    type              = string
    cluster_name      = string
    namespace         = string
    service_account   = string
    oidc_provider_arn = optional(string)
    cluster_arn       = optional(string)
    role_arn          = optional(string)
    session_tags      = optional(bool, false)
  })
  description = <<-EOT
    Who may assume the role. Required: type (pod_identity or irsa for EKS; oidc for a GKE or AKS cluster's issuer;
    role for a workload of another account, which assumes this role from its own), cluster_name, namespace,
    service_account. Optional: oidc_provider_arn (required for irsa and oidc: the cluster's IAM OIDC provider),
    cluster_arn (required for pod_identity: the trust admits EKS Pod Identity only for this cluster, aws:SourceArn,
    and its account), role_arn (required for role: the one role admitted, as principal and aws:PrincipalArn),
    session_tags (role only, default false: also admit sts:TagSession, which a caller on EKS Pod Identity needs, as
    Pod Identity's session tags are transitive).
  EOT
  nullable    = false

  validation {
    condition     = contains(["pod_identity", "irsa", "oidc", "role"], var.trust.type)
    error_message = "trust.type must be pod_identity, irsa, oidc or role."
  }

  validation {
    condition     = var.trust.type != "role" || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@-]+$", var.trust.role_arn))
    error_message = "trust.role_arn (arn:aws:iam::<account>:role/<name>, no wildcard, no path) is required when trust.type is role."
  }

  validation {
    condition     = !contains(["irsa", "oidc"], var.trust.type) || var.trust.oidc_provider_arn != null
    error_message = "trust.oidc_provider_arn is required when trust.type is irsa or oidc."
  }

  validation {
    condition     = var.trust.type != "pod_identity" || can(regex("^arn:aws[a-z-]*:eks:[a-z0-9-]+:[0-9]{12}:cluster/[0-9A-Za-z][A-Za-z0-9_-]*$", var.trust.cluster_arn))
    error_message = "trust.cluster_arn (arn:aws:eks:<region>:<account>:cluster/<name>) is required when trust.type is pod_identity."
  }
}

variable "statements" {
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  description = <<-EOT
    Allow statements of the role's only policy. Required per item: sid, actions, resources (no wildcards in actions).
    Optional: conditions (test, e.g. StringEquals; variable, e.g. sts:IdentityTokenAudience; values). Empty when the
    role only identifies the workload to other clouds (e.g. to a GCP workload identity pool): then no policy exists.
    A statement with no resources (yet) is left out of the policy.
  EOT
  nullable    = false

  validation {
    condition     = alltrue(flatten([for s in var.statements : [for a in s.actions : !strcontains(a, "*")]]))
    error_message = "Actions must be named exactly; wildcards are not least privilege."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for the role."
  default     = {}
  nullable    = false
}
