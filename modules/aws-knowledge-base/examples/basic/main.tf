# A Bedrock knowledge base over the `published/` prefix of an existing documents bucket, embedded with Titan Text
# Embeddings V2 (1,024 dimensions) into S3 Vectors. Run from this directory: terraform init && terraform plan
# (AWS credentials for the account; aws >= 6.27). After apply, start an ingestion job with the data source id.

# mcai:min-provider aws 6.27 (the knowledge base's storage_configuration.s3_vectors_configuration is new in aws 6.27.0)
terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.27, < 7.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

module "knowledge_base" {
  source = "../.."

  name                = "help-center-prod-help-kb"
  vector_bucket_name  = "help-center-prod-help-kb-111122223333"
  ingestion_role_name = "help-center-prod-help-kb-ingestion"
  account_id          = "111122223333"
  region              = "us-east-1"
  embedding           = { model_id = "amazon.titan-embed-text-v2:0", dimensions = 1024 }
  documents           = { bucket_arn = "arn:aws:s3:::help-center-prod-articles-111122223333", prefix = "published/" }
}

output "knowledge_base_id" {
  description = "Pass it to Retrieve / RetrieveAndGenerate."
  value       = module.knowledge_base.knowledge_base_id
}

output "data_source_id" {
  description = "Start ingestion with it: aws bedrock-agent start-ingestion-job."
  value       = module.knowledge_base.data_source_id
}
