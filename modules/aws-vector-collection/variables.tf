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
  description = "IAM principals (workload roles, knowledge base ingestion roles) granted read and write on the collection's indexes."
  default     = []
  nullable    = false
}

variable "allowed_services" {
  type        = list(string)
  description = "AWS service principals that may reach the collection privately besides the VPC endpoint (bedrock.amazonaws.com for a Bedrock knowledge base); default none."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for s in var.allowed_services : contains(["bedrock.amazonaws.com"], s)])
    error_message = "allowed_services may only name bedrock.amazonaws.com."
  }
}

variable "network" {
  type = object({
    vpc_id                     = string
    subnet_ids                 = list(string)
    allowed_security_group_ids = optional(list(string), [])
    allowed_cidr_blocks        = optional(list(string), [])
  })
  description = "Required: vpc_id, subnet_ids for the collection's VPC endpoint (no public access). Callers on 443: allowed_security_group_ids (preferred) and/or allowed_cidr_blocks (default [] each; at least one caller)."
  nullable    = false

  validation {
    condition     = length(var.network.allowed_security_group_ids) + length(var.network.allowed_cidr_blocks) > 0
    error_message = "Name the callers: allowed_security_group_ids (preferred) or allowed_cidr_blocks."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for the collection."
  default     = {}
  nullable    = false
}
