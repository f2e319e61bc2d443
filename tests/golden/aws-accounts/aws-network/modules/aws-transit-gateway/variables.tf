variable "name" {
  type        = string
  description = "Name tag of the Transit Gateway and name of its RAM resource share."
}

variable "amazon_side_asn" {
  type        = number
  description = "BGP ASN of the Transit Gateway (private range: 64512-65534 or 4200000000-4294967294)."

  validation {
    condition     = (var.amazon_side_asn >= 64512 && var.amazon_side_asn <= 65534) || (var.amazon_side_asn >= 4200000000 && var.amazon_side_asn <= 4294967294)
    error_message = "amazon_side_asn must be a private ASN: 64512-65534 or 4200000000-4294967294."
  }
}

variable "share_with_account_ids" {
  type        = list(string)
  description = "AWS accounts (12-digit ids, in the same AWS Organization) the Transit Gateway is shared with through AWS RAM."
  nullable    = false

  validation {
    condition     = alltrue([for id in var.share_with_account_ids : can(regex("^[0-9]{12}$", id))])
    error_message = "share_with_account_ids must be 12-digit AWS account ids."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  nullable    = false
  default     = {}
}
