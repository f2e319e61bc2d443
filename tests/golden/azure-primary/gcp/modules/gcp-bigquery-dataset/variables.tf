variable "project_id" {
  type        = string
  description = "Project that holds the dataset."
  nullable    = false
}

variable "dataset_id" {
  type        = string
  description = "Dataset id: letters, digits and underscores, at most 1024 characters."
  nullable    = false

  validation {
    condition     = length(var.dataset_id) <= 1024 && can(regex("^[A-Za-z0-9_]+$", var.dataset_id))
    error_message = "dataset_id may only hold letters, digits and underscores (1-1024 characters)."
  }
}

variable "location" {
  type        = string
  description = "BigQuery location: US, EU or a region such as us-east4. Keep it with the Vertex AI region."
  nullable    = false
}

variable "description" {
  type        = string
  description = "What the dataset holds."
  default     = ""
  nullable    = false
}

variable "default_table_expiration_days" {
  type        = number
  description = "Days after which new tables expire; null keeps tables until they are deleted."
  default     = null

  validation {
    condition     = var.default_table_expiration_days == null || try(var.default_table_expiration_days >= 1 && floor(var.default_table_expiration_days) == var.default_table_expiration_days, false)
    error_message = "default_table_expiration_days must be a whole number of days, at least 1 (BigQuery's minimum is one hour)."
  }
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

variable "writers" {
  type        = map(string)
  description = "IAM members (serviceAccount:...) granted BigQuery Data Editor on this dataset, keyed by workload name."
  default     = {}
  nullable    = false
}

variable "deletion_policy" {
  type        = string
  description = "What `terraform destroy` does to the dataset: PREVENT (default: analytics data is not thrown away by accident), ABANDON or DELETE."
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
