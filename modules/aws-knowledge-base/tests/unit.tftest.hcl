mock_provider "aws" {
  mock_resource "aws_s3vectors_index" {
    override_during = plan
    defaults = {
      index_arn = "arn:aws:s3vectors:us-east-1:111122223333:bucket/help-center-prod-vectors/index/help-center-prod-help-kb"
    }
  }
  mock_resource "aws_iam_role" {
    override_during = plan
    defaults = {
      arn = "arn:aws:iam::111122223333:role/help-center-prod-help-kb-ingestion"
    }
  }
}

variables {
  name                = "help-center-prod-help-kb"
  vector_bucket_name  = "help-center-prod-help-kb-111122223333"
  ingestion_role_name = "help-center-prod-help-kb-ingestion"
  account_id          = "111122223333"
  region              = "us-east-1"
  embedding           = { model_id = "amazon.titan-embed-text-v2:0", dimensions = 1024 }
  documents           = { bucket_arn = "arn:aws:s3:::help-center-prod-articles-111122223333", prefix = "published/" }
}

run "knowledge_base_on_s3_vectors" {
  command = plan

  assert {
    condition     = aws_s3vectors_index.this.dimension == 1024 && aws_s3vectors_index.this.data_type == "float32"
    error_message = "The index holds float32 vectors of the embedding model's dimension."
  }

  assert {
    condition     = aws_bedrockagent_knowledge_base.this.knowledge_base_configuration[0].vector_knowledge_base_configuration[0].embedding_model_configuration[0].bedrock_embedding_model_configuration[0].dimensions == aws_s3vectors_index.this.dimension
    error_message = "The embedding dimension and the index dimension are one value."
  }

  assert {
    condition     = aws_bedrockagent_knowledge_base.this.storage_configuration[0].s3_vectors_configuration[0].index_arn == aws_s3vectors_index.this.index_arn
    error_message = "The knowledge base stores its vectors in the module's index."
  }

  assert {
    condition     = aws_bedrockagent_knowledge_base.this.knowledge_base_configuration[0].vector_knowledge_base_configuration[0].embedding_model_arn == "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"
    error_message = "The embedding model runs in the knowledge base's region."
  }

  assert {
    condition     = contains(aws_s3vectors_index.this.metadata_configuration[0].non_filterable_metadata_keys, "AMAZON_BEDROCK_TEXT")
    error_message = "Chunk text must be non-filterable metadata (2 KB filterable limit)."
  }

  assert {
    condition     = contains(aws_bedrockagent_data_source.this.data_source_configuration[0].s3_configuration[0].inclusion_prefixes, "published/") && length(aws_bedrockagent_data_source.this.data_source_configuration[0].s3_configuration[0].inclusion_prefixes) == 1
    error_message = "The data source reads the prefix only."
  }
}

run "ingestion_role_is_scoped" {
  command = plan

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.ingestion.policy).Statement : s.Resource if s.Sid == "ReadDocuments"][0] == [
      "arn:aws:s3:::help-center-prod-articles-111122223333/published/*"
    ]
    error_message = "The ingestion role reads objects under the prefix only."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.ingestion.policy).Statement : s.Condition.StringLike["s3:prefix"] if s.Sid == "ListDocuments"][0] == ["published/*"]
    error_message = "Listing is limited to the prefix."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.ingestion.policy).Statement : s.Resource if s.Sid == "EmbedWithOneModel"][0] == ["arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"]
    error_message = "The ingestion role may call the one embedding model only."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.ingestion.policy).Statement : s.Resource if s.Sid == "WriteVectors"][0] == [aws_s3vectors_index.this.index_arn]
    error_message = "The ingestion role writes the one index only."
  }

  assert {
    condition     = jsondecode(aws_iam_role.ingestion.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "111122223333"
    error_message = "Only Bedrock acting for this account may assume the ingestion role (confused deputy)."
  }
}

run "whole_bucket_without_prefix" {
  command = plan

  variables {
    documents = { bucket_arn = "arn:aws:s3:::help-center-prod-articles-111122223333" }
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.ingestion.policy).Statement : s.Resource if s.Sid == "ReadDocuments"][0] == ["arn:aws:s3:::help-center-prod-articles-111122223333/*"]
    error_message = "Without a prefix the role reads the bucket's objects."
  }

  assert {
    condition     = aws_bedrockagent_data_source.this.data_source_configuration[0].s3_configuration[0].inclusion_prefixes == null
    error_message = "Without a prefix the data source reads the whole bucket."
  }
}

run "dimension_beyond_s3_vectors_is_rejected" {
  command = plan

  variables {
    embedding = { model_id = "amazon.titan-embed-text-v2:0", dimensions = 5000 }
  }

  expect_failures = [var.embedding]
}

run "prefix_must_end_with_slash" {
  command = plan

  variables {
    documents = { bucket_arn = "arn:aws:s3:::help-center-prod-articles-111122223333", prefix = "published" }
  }

  expect_failures = [var.documents]
}

run "wildcard_in_prefix_is_rejected" {
  command = plan

  variables {
    documents = { bucket_arn = "arn:aws:s3:::help-center-prod-articles-111122223333", prefix = "pub*/" }
  }

  expect_failures = [var.documents]
}
