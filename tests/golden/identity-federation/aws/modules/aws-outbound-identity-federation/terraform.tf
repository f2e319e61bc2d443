# mcai:min-provider aws 6.26 (aws_iam_outbound_web_identity_federation is new in aws 6.26.0)
terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.26, < 7.0"
    }
  }
}
