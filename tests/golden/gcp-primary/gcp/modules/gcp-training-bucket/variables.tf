variable "project_id" {
  type        = string
  description = "Project that holds the bucket."
  nullable    = false
}

variable "bucket_name" {
  type        = string
  description = "Globally unique bucket name: 3-63 lowercase letters, digits, '-' and '_', starting and ending with a letter or digit."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$", var.bucket_name)) && !startswith(var.bucket_name, "goog")
    error_message = "bucket_name must be 3-63 lowercase letters, digits, '-' and '_', start and end with a letter or digit, and not start with goog."
  }
}

variable "location" {
  type        = string
  description = "Bucket location: US, EU, ASIA or a region such as us-east4 (keep it with the Vertex AI region)."
  nullable    = false
}

variable "kms_key_name" {
  type        = string
  description = "Cloud KMS key (projects/.../cryptoKeys/...) for customer-managed encryption; null uses Google-managed keys."
  default     = null

  validation {
    condition     = var.kms_key_name == null || can(regex("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$", var.kms_key_name))
    error_message = "kms_key_name must look like projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>."
  }
}

variable "readers" {
  type        = map(string)
  description = "IAM members (serviceAccount:...) granted Storage Object Viewer on this bucket, keyed by workload name."
  default     = {}
  nullable    = false
}

variable "deletion_policy" {
  type        = string
  description = "What `terraform destroy` does to the bucket: PREVENT (default), ABANDON or DELETE."
  default     = "PREVENT"
  nullable    = false

  validation {
    condition     = contains(["PREVENT", "ABANDON", "DELETE"], var.deletion_policy)
    error_message = "deletion_policy must be PREVENT, ABANDON or DELETE."
  }
}

variable "labels" {
  type        = map(string)
  description = "Extra labels (the provider's default_labels already carry the estate tags)."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^[a-z][a-z0-9_-]{0,62}$", k)) && can(regex("^[a-z0-9_-]{0,63}$", v))])
    error_message = "Label keys must be 1-63 lowercase letters, digits, '_' or '-' starting with a letter; values at most 63 of the same characters."
  }
}
