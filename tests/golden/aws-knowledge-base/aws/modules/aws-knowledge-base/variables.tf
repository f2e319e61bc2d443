variable "name" {
  type        = string
  description = "Name of the knowledge base, its data source and its vector index (3-63 lowercase letters, digits and '-', starting and ending with a letter or digit)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.name))
    error_message = "name must be 3-63 lowercase letters, digits and '-', starting and ending with a letter or digit."
  }
}

variable "vector_bucket_name" {
  type        = string
  description = "Name of the S3 vector bucket (3-63 lowercase letters, digits and '-'; unique in the account and region)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.vector_bucket_name))
    error_message = "vector_bucket_name must be 3-63 lowercase letters, digits and '-', starting and ending with a letter or digit."
  }
}

variable "ingestion_role_name" {
  type        = string
  description = "Name of the IAM role Bedrock assumes to read the documents, call the embedding model and write the vectors (1-64 characters)."
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.ingestion_role_name))
    error_message = "ingestion_role_name must be 1-64 of A-Z a-z 0-9 + = , . @ _ -."
  }
}

variable "account_id" {
  type        = string
  description = "The AWS account (12 digits): Bedrock may assume the ingestion role only for knowledge bases of this account."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "region" {
  type        = string
  description = "Region of the knowledge base, its embedding model and its vectors (e.g. us-east-1)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region code such as us-east-1."
  }
}

variable "embedding" {
  type = object({
    model_id   = string
    dimensions = number
  })
  description = "Required: model_id (a Bedrock embedding model in this region, e.g. amazon.titan-embed-text-v2:0) and dimensions (the vector size it produces; also the index's)."
  nullable    = false

  validation {
    condition     = var.embedding.dimensions >= 1 && var.embedding.dimensions <= 4096 && floor(var.embedding.dimensions) == var.embedding.dimensions
    error_message = "embedding.dimensions must be a whole number from 1 to 4096 (S3 Vectors' limit)."
  }
}

variable "distance_metric" {
  type        = string
  description = "Similarity metric of the vector index: cosine or euclidean."
  default     = "cosine"
  nullable    = false

  validation {
    condition     = contains(["cosine", "euclidean"], var.distance_metric)
    error_message = "distance_metric must be cosine or euclidean."
  }
}

variable "documents" {
  type = object({
    bucket_arn = string
    prefix     = optional(string)
  })
  description = "Required: bucket_arn of the S3 bucket holding the documents. Optional: prefix (ending with '/'; default null = the whole bucket): only objects under it are ingested and readable by the ingestion role."
  nullable    = false

  validation {
    condition     = startswith(var.documents.bucket_arn, "arn:aws:s3:::")
    error_message = "documents.bucket_arn must be an S3 bucket ARN (arn:aws:s3:::<bucket>)."
  }

  validation {
    condition     = var.documents.prefix == null || can(regex("^[^/*?][^*?]*/$", var.documents.prefix))
    error_message = "documents.prefix must not start with '/', must end with '/' and holds no '*' or '?' (IAM wildcards: the ingestion role would read more)."
  }
}

variable "chunk_tokens" {
  type        = number
  description = "Documents are split into fixed-size chunks of this many tokens (20% overlap) before embedding."
  default     = 300
  nullable    = false

  validation {
    condition     = var.chunk_tokens >= 20 && var.chunk_tokens <= 8192
    error_message = "chunk_tokens must be from 20 to 8192."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for the taggable resources."
  default     = {}
  nullable    = false
}
