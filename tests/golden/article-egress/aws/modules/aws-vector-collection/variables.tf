variable "name" {
  type        = string
  description = "Collection name, also used for its policies (3-32 lowercase letters, digits and '-', starting with a letter)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,31}$", var.name))
    error_message = "name must be 3-32 lowercase letters, digits and '-', starting with a letter."
  }
}

variable "standby_replicas" {
  type        = bool
  description = "Keep standby replicas (high availability). Turn off only for development."
  default     = true
  nullable    = false
}

variable "principal_arns" {
  type        = list(string)
  description = "IAM principals (workload roles) granted read and write on the collection's indexes."
  default     = []
  nullable    = false
}

variable "network" {
  type = object({
    vpc_id              = string
    subnet_ids          = list(string)
    allowed_cidr_blocks = list(string)
  })
  description = "Required: vpc_id, subnet_ids and allowed_cidr_blocks for the collection's VPC endpoint (no public access)."
  nullable    = false
}

variable "tags" {
  type        = map(string)
  description = "Tags for the collection."
  default     = {}
  nullable    = false
}
