variable "bucket_name" {
  type        = string
  description = "Globally unique bucket name (3-63 lowercase letters, digits, '.' and '-')."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit."
  }
}

variable "noncurrent_version_days" {
  type        = number
  description = "Days an overwritten or deleted document version is kept before it expires (1-3650, default 90)."
  default     = 90
  nullable    = false

  validation {
    condition     = var.noncurrent_version_days >= 1 && var.noncurrent_version_days <= 3650 && floor(var.noncurrent_version_days) == var.noncurrent_version_days
    error_message = "noncurrent_version_days must be a whole number from 1 to 3650."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for the bucket."
  default     = {}
  nullable    = false
}
