variable "issuer_url" {
  type        = string
  description = "The OIDC issuer URL (a cluster's, or a service's such as Microsoft Sentinel's), exactly as its tokens carry it in iss (https://, no query or fragment)."
  nullable    = false

  validation {
    condition     = can(regex("^https://[^\\s?#*]+$", var.issuer_url)) && length(var.issuer_url) <= 255
    error_message = "issuer_url must be an https:// URL of at most 255 characters without spaces, wildcards, query or fragment."
  }
}

variable "audience" {
  type        = string
  description = "The one audience (client id) tokens must carry; sts.amazonaws.com by AWS convention."
  default     = "sts.amazonaws.com"
  nullable    = false

  validation {
    condition     = length(var.audience) >= 1 && length(var.audience) <= 255
    error_message = "audience must be 1-255 characters."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for the provider."
  default     = {}
  nullable    = false
}
