variable "project_id" {
  type        = string
  description = "Project that holds the index, the endpoint and the consumer endpoint."
  nullable    = false
}

variable "region" {
  type        = string
  description = "Region of the index and endpoint; the embedding model must be offered there."
  nullable    = false
}

variable "name" {
  type        = string
  description = "Display name of the index, the endpoint and the deployed index (1-128 characters)."
  nullable    = false

  validation {
    condition     = length(var.name) >= 1 && length(var.name) <= 128
    error_message = "name must be 1-128 characters."
  }
}

variable "description" {
  type        = string
  description = "Description of the index and the endpoint."
  default     = "Retrieval store (managed by mcai)"
  nullable    = false
}

variable "deployed_index_id" {
  type        = string
  description = "Id of the deployed index: a letter, then letters, digits and '_' (at most 128)."
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,127}$", var.deployed_index_id))
    error_message = "deployed_index_id must start with a letter and hold only letters, digits and '_' (at most 128)."
  }
}

variable "dimensions" {
  type        = number
  description = "Vector dimension of the index: the embedding model's output size."
  nullable    = false

  validation {
    condition     = var.dimensions >= 1 && var.dimensions <= 4096 && floor(var.dimensions) == var.dimensions
    error_message = "dimensions must be a whole number from 1 to 4096."
  }
}

variable "distance" {
  type        = string
  description = "Similarity metric: cosine or euclidean."
  default     = "cosine"
  nullable    = false

  validation {
    condition     = contains(["cosine", "euclidean"], var.distance)
    error_message = "distance must be cosine or euclidean."
  }
}

variable "shard_size" {
  type        = string
  description = "Shard size of the index: SHARD_SIZE_SMALL, SHARD_SIZE_MEDIUM or SHARD_SIZE_LARGE (it decides the machine types allowed)."
  default     = "SHARD_SIZE_SMALL"
  nullable    = false

  validation {
    condition     = contains(["SHARD_SIZE_SMALL", "SHARD_SIZE_MEDIUM", "SHARD_SIZE_LARGE"], var.shard_size)
    error_message = "shard_size must be SHARD_SIZE_SMALL, SHARD_SIZE_MEDIUM or SHARD_SIZE_LARGE."
  }
}

variable "machine_type" {
  type        = string
  description = "Machine type of the deployed index's nodes (e2-standard-2 serves SHARD_SIZE_SMALL)."
  default     = "e2-standard-2"
  nullable    = false
}

variable "min_replicas" {
  type        = number
  description = "Nodes always serving the deployed index (billed by the node-hour)."
  default     = 1
  nullable    = false

  validation {
    condition     = var.min_replicas >= 1
    error_message = "min_replicas must be at least 1."
  }
}

variable "max_replicas" {
  type        = number
  description = "Most nodes autoscaling may add (at least min_replicas)."
  default     = 2
  nullable    = false

  validation {
    condition     = var.max_replicas >= var.min_replicas
    error_message = "max_replicas must be at least min_replicas."
  }
}

variable "network" {
  type        = string
  description = "VPC network of the consumer endpoint: projects/<project>/global/networks/<name>."
  nullable    = false
}

variable "subnetwork" {
  type        = string
  description = "Subnetwork for the consumer endpoint's internal address: projects/<project>/regions/<region>/subnetworks/<name>."
  nullable    = false
}

variable "psc_name" {
  type        = string
  description = "Base name of the consumer address and forwarding rule ('-psc' is appended); RFC 1035, at most 59 characters."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,57}[a-z0-9])?$", var.psc_name))
    error_message = "psc_name must be lowercase letters, digits and '-', start with a letter, at most 59 characters."
  }
}

variable "documents" {
  type = object({
    bucket_name = string
    prefix      = optional(string)
  })
  description = "Cloud Storage bucket holding the documents, and the prefix the ingestion reads (null: the whole bucket)."
  nullable    = false

  validation {
    condition     = var.documents.prefix == null || can(regex("^[^*?]+/$", coalesce(var.documents.prefix, "x/")))
    error_message = "documents.prefix must end with '/' and hold no '*' or '?'."
  }
}

variable "ingestion_account_id" {
  type        = string
  description = "Account id of the ingestion service account: 6-30 lowercase letters, digits and '-'."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][-a-z0-9]{4,28}[a-z0-9]$", var.ingestion_account_id))
    error_message = "ingestion_account_id must be 6-30 lowercase letters, digits and '-', starting with a letter."
  }
}

variable "role_prefix" {
  type        = string
  description = "Prefix of the two custom role ids (letters, digits, '_' and '.'; 'Ingest' and 'Query' are appended)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-zA-Z0-9_.]{3,58}$", var.role_prefix))
    error_message = "role_prefix must be 3-58 letters, digits, '_' or '.'."
  }
}

variable "readers" {
  type        = map(string)
  description = "IAM members that may query the index (the custom query role on the project), keyed by workload name."
  default     = {}
  nullable    = false
}

variable "labels" {
  type        = map(string)
  description = "Labels on the index and the endpoint."
  default     = {}
  nullable    = false
}
