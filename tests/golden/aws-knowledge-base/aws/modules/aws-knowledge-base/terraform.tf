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
