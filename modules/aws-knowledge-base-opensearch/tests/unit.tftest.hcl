mock_provider "aws" {
  mock_resource "aws_iam_role" {
    override_during = plan
    defaults = {
      arn = "arn:aws:iam::111122223333:role/support-assistant-prod-support-kb-ingestion"
    }
  }
}

variables {
  name                = "support-assistant-prod-support-kb"
  ingestion_role_name = "support-assistant-prod-support-kb-ingestion"
  account_id          = "111122223333"
  region              = "us-east-1"
  embedding           = { model_id = "amazon.titan-embed-text-v2:0", dimensions = 1024 }
  documents           = { bucket_arn = "arn:aws:s3:::support-assistant-prod-documents-111122223333", prefix = "kb/" }
  collection_arn      = "arn:aws:aoss:us-east-1:111122223333:collection/abcdef0123456789"
  vector_index_name   = "support-kb"
}

run "before_the_index_exists_only_the_role" {
  command = plan

  assert {
    condition     = length(aws_bedrockagent_knowledge_base.this) == 0 && length(aws_bedrockagent_data_source.this) == 0
    error_message = "Bedrock refuses a knowledge base on a missing index: nothing is created before index_ready."
  }

  assert {
    condition     = output.knowledge_base_arns == [] && aws_iam_role.ingestion.name == "support-assistant-prod-support-kb-ingestion"
    error_message = "The role exists first (the collection's access policy names it); no knowledge base ARN yet."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.ingestion.policy).Statement : s.Resource if s.Sid == "WriteVectors"][0] == ["arn:aws:aoss:us-east-1:111122223333:collection/abcdef0123456789"]
    error_message = "The ingestion role reaches the one collection only."
  }
}

run "after_the_index_exists" {
  command = plan

  variables {
    index_ready = true
  }

  assert {
    condition     = aws_bedrockagent_knowledge_base.this[0].storage_configuration[0].opensearch_serverless_configuration[0].vector_index_name == "support-kb"
    error_message = "The knowledge base writes to the named index."
  }

  assert {
    condition     = aws_bedrockagent_knowledge_base.this[0].storage_configuration[0].opensearch_serverless_configuration[0].field_mapping[0].vector_field == output.index_fields.vector
    error_message = "The field mapping is the one the manual step creates."
  }

  assert {
    condition     = aws_bedrockagent_knowledge_base.this[0].knowledge_base_configuration[0].vector_knowledge_base_configuration[0].embedding_model_configuration[0].bedrock_embedding_model_configuration[0].dimensions == 1024
    error_message = "The embedding dimension is the index's."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.ingestion.policy).Statement : s.Resource if s.Sid == "ReadDocuments"][0] == ["arn:aws:s3:::support-assistant-prod-documents-111122223333/kb/*"]
    error_message = "The ingestion role reads objects under the prefix only."
  }
}

run "not_a_collection_arn_is_rejected" {
  command = plan

  variables {
    collection_arn = "arn:aws:s3:::not-a-collection"
  }

  expect_failures = [var.collection_arn]
}
