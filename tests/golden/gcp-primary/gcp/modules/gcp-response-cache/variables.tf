variable "project_id" {
  type        = string
  description = "Project of the instance."
  nullable    = false
}

variable "region" {
  type        = string
  description = "Region of the instance, e.g. us-east4."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]{1,2}$", var.region))
    error_message = "region must be a Google Cloud region like us-east4."
  }
}

variable "instance_id" {
  type        = string
  description = "Instance id: 4-63 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,61}[a-z0-9]$", var.instance_id))
    error_message = "instance_id must be 4-63 lowercase letters, digits and hyphens, start with a letter and not end with a hyphen."
  }
}

variable "node_type" {
  type        = string
  description = "Node type: SHARED_CORE_NANO (no SLA: tests only), STANDARD_SMALL, HIGHMEM_MEDIUM or HIGHMEM_XLARGE."
  default     = "HIGHMEM_MEDIUM"
  nullable    = false

  validation {
    condition     = contains(["SHARED_CORE_NANO", "STANDARD_SMALL", "HIGHMEM_MEDIUM", "HIGHMEM_XLARGE"], var.node_type)
    error_message = "node_type must be SHARED_CORE_NANO, STANDARD_SMALL, HIGHMEM_MEDIUM or HIGHMEM_XLARGE."
  }
}

variable "replicas" {
  type        = number
  description = "Read replicas of the shard (0-5); with one or more the nodes spread over zones."
  default     = 1
  nullable    = false

  validation {
    condition     = var.replicas >= 0 && var.replicas <= 5 && floor(var.replicas) == var.replicas
    error_message = "replicas must be a whole number from 0 to 5."
  }
}

variable "engine_version" {
  type        = string
  description = "Valkey version, e.g. VALKEY_8_0."
  default     = "VALKEY_8_0"
  nullable    = false

  validation {
    condition     = can(regex("^VALKEY_[0-9]+_[0-9]+$", var.engine_version))
    error_message = "engine_version must look like VALKEY_8_0."
  }
}

variable "network_id" {
  type        = string
  description = "VPC network (projects/<project>/global/networks/<name>) where Memorystore creates the cache's endpoints."
  nullable    = false
}

variable "service_connection_policy" {
  type = object({
    name          = string
    subnetwork_id = string
  })
  description = <<-EOT
    Create the network's service connection policy for Memorystore (one per network, region and service class):
    name, and subnetwork_id where the endpoints take their addresses. Null when the network already has one.
  EOT
  default     = null
}

variable "users" {
  type        = map(string)
  description = "Caller name -> IAM member (principal://..., serviceAccount:...) allowed to connect with IAM authentication."
  default     = {}
  nullable    = false
}

variable "labels" {
  type        = map(string)
  description = "Labels for the instance and the policy."
  default     = {}
  nullable    = false
}
