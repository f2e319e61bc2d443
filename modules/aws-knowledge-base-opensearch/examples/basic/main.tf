# A Bedrock knowledge base over the `kb/` prefix of an existing documents bucket, with its vectors in an existing
# OpenSearch Serverless collection. Run from this directory: terraform init && terraform apply (AWS credentials for the
# account); create the vector index (see the module README), then apply again with index_ready = true.

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "index_ready" {
  type        = bool
  description = "Set to true once the vector index exists in the collection."
  default     = false
}

module "knowledge_base" {
  source = "../.."

  name                = "support-assistant-prod-support-kb"
  ingestion_role_name = "support-assistant-prod-support-kb-ingestion"
  account_id          = "111122223333"
  region              = "us-east-1"
  embedding           = { model_id = "amazon.titan-embed-text-v2:0", dimensions = 1024 }
  documents           = { bucket_arn = "arn:aws:s3:::support-assistant-prod-documents-111122223333", prefix = "kb/" }
  collection_arn      = "arn:aws:aoss:us-east-1:111122223333:collection/abcdef0123456789"
  vector_index_name   = "support-kb"
  index_ready         = var.index_ready
}

output "ingestion_role_arn" {
  description = "Admit it in the collection's data access policy before the first ingestion."
  value       = module.knowledge_base.ingestion_role_arn
}

output "knowledge_base_id" {
  description = "Pass it to Retrieve / RetrieveAndGenerate (null until index_ready)."
  value       = module.knowledge_base.knowledge_base_id
}
