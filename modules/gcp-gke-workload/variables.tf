variable "project_id" {
  type        = string
  description = "Project of the GKE cluster (its workload pool is <project_id>.svc.id.goog); receives the role grants."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a GCP project id: 6-30 lowercase letters, digits and hyphens."
  }
}

variable "project_number" {
  type        = string
  description = "Number of the cluster's project (pool_project_id, else project_id): principal identifiers are built from it."
  nullable    = false

  validation {
    condition     = can(regex("^[1-9][0-9]{5,18}$", var.project_number))
    error_message = "project_number must be the numeric project number."
  }
}

variable "pool_project_id" {
  type        = string
  description = "Project of the GKE cluster when it is not project_id (a workload of another project granted roles here): its workload pool <pool_project_id>.svc.id.goog names the principal. Null: the cluster is in project_id."
  default     = null

  validation {
    condition     = var.pool_project_id == null || can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.pool_project_id))
    error_message = "pool_project_id must be a GCP project id: 6-30 lowercase letters, digits and hyphens."
  }
}

variable "namespace" {
  type        = string
  description = "Kubernetes namespace of the workload (RFC 1123 label)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a Kubernetes name: 1-63 lowercase letters, digits and '-'."
  }
}

variable "service_account" {
  type        = string
  description = "Kubernetes service account of the workload (RFC 1123 label)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.service_account))
    error_message = "service_account must be a Kubernetes name: 1-63 lowercase letters, digits and '-'."
  }
}

variable "project_roles" {
  type        = list(string)
  description = "Project-level roles of the principal (e.g. roles/aiplatform.user); empty when it only gets resource-level grants."
  default     = []
  nullable    = false

  # Predefined roles are roles/<service>.<name>; the basic project-wide roles have no service part and never pass.
  validation {
    condition     = alltrue([for r in var.project_roles : can(regex("^roles/[a-z]+\\.[A-Za-z0-9_.]+$", r))])
    error_message = "project_roles must be predefined service roles like roles/aiplatform.user; basic roles are never least privilege."
  }
}
