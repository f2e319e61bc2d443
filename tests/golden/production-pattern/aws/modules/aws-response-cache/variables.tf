variable "replication_group_id" {
  type        = string
  description = "Replication group id: 1-40 lowercase letters, digits and single hyphens, starting with a letter."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z](-?[a-z0-9])*$", var.replication_group_id)) && length(var.replication_group_id) <= 40
    error_message = "replication_group_id must be 1-40 lowercase letters, digits and single hyphens, starting with a letter."
  }
}

variable "engine" {
  type        = string
  description = "Cache engine: valkey or redis (lowercase, as the provider requires from v6 on)."
  default     = "valkey"
  nullable    = false

  validation {
    condition     = contains(["valkey", "redis"], var.engine)
    error_message = "engine must be valkey or redis."
  }
}

variable "engine_version" {
  type        = string
  description = "Engine version; null picks mcai's tested default (valkey 8.0, redis 7.1)."
  default     = null
}

variable "node_type" {
  type        = string
  description = "Node type, e.g. cache.r7g.xlarge."
  nullable    = false

  validation {
    condition     = can(regex("^cache\\.[a-z0-9]+\\.[a-z0-9]+$", var.node_type))
    error_message = "node_type must look like cache.r7g.xlarge."
  }
}

variable "replicas" {
  type        = number
  description = "Read replicas (0-5). With one or more, the group is Multi-AZ with automatic failover."
  default     = 1
  nullable    = false

  validation {
    condition     = var.replicas >= 0 && var.replicas <= 5 && floor(var.replicas) == var.replicas
    error_message = "replicas must be a whole number from 0 to 5."
  }
}

variable "iam_user_id" {
  type        = string
  description = "Id (and name: IAM auth needs them equal) of the cache user the workload connects as."
  nullable    = false

  validation {
    condition     = can(regex("^[a-zA-Z](-?[a-zA-Z0-9])*$", var.iam_user_id)) && length(var.iam_user_id) <= 40
    error_message = "iam_user_id must be 1-40 letters, digits and single hyphens, starting with a letter."
  }
}

variable "network" {
  type = object({
    vpc_id                     = string
    subnet_ids                 = list(string)
    allowed_security_group_ids = optional(list(string), [])
    allowed_cidr_blocks        = optional(list(string), [])
  })
  description = "Required: vpc_id, subnet_ids (private, one per AZ). Callers allowed on the cache port: allowed_security_group_ids (the callers' own groups, preferred) and/or allowed_cidr_blocks (default [] each; at least one caller)."
  nullable    = false

  validation {
    condition     = length(var.network.allowed_security_group_ids) + length(var.network.allowed_cidr_blocks) > 0
    error_message = "Name the callers: allowed_security_group_ids (preferred) or allowed_cidr_blocks."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every taggable resource."
  default     = {}
  nullable    = false
}
