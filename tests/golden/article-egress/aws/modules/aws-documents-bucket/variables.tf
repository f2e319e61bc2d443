variable "bucket_name" {
  type        = string
  description = "Globally unique bucket name (3-63 lowercase letters, digits, '.' and '-')."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for the bucket."
  default     = {}
  nullable    = false
}
