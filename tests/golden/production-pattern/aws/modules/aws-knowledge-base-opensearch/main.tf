# A Bedrock knowledge base over S3 documents with its vectors in an OpenSearch Serverless collection. The aws provider
# cannot create the collection's vector index, so it is a numbered manual step between two applies: the first creates
# the ingestion role (which the collection's data access policy admits), the index is created with the fields below,
# then `index_ready = true` creates the knowledge base and its data source. Embeddings are computed in the region of
# the documents and the collection (the article's "embeddings close to the vector store").

locals {
  embedding_model_arn = "arn:aws:bedrock:${var.region}::foundation-model/${var.embedding.model_id}"
  document_objects    = "${var.documents.bucket_arn}/${var.documents.prefix == null ? "" : var.documents.prefix}*"
  fields = {
    vector   = "bedrock-knowledge-base-default-vector"
    text     = "AMAZON_BEDROCK_TEXT_CHUNK"
    metadata = "AMAZON_BEDROCK_METADATA"
  }
}

resource "aws_iam_role" "ingestion" {
  name = var.ingestion_role_name
  tags = var.tags
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "BedrockKnowledgeBasesOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "bedrock.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock:${var.region}:${var.account_id}:knowledge-base/*" }
      }
    }]
  })
}

# Exactly what ingestion needs: the one embedding model, the documents under the prefix, the one collection (its data
# access policy narrows it to the collection's indexes).
resource "aws_iam_role_policy" "ingestion" {
  name = "ingestion"
  role = aws_iam_role.ingestion.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "EmbedWithOneModel"
        Effect   = "Allow"
        Action   = ["bedrock:InvokeModel"]
        Resource = [local.embedding_model_arn]
      },
      merge({
        Sid      = "ListDocuments"
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = [var.documents.bucket_arn]
        }, var.documents.prefix == null ? {} : {
        Condition = { StringLike = { "s3:prefix" = ["${var.documents.prefix}*"] } }
      }),
      {
        Sid      = "ReadDocuments"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = [local.document_objects]
      },
      {
        Sid      = "WriteVectors"
        Effect   = "Allow"
        Action   = ["aoss:APIAccessAll"]
        Resource = [var.collection_arn]
      },
    ]
  })
}

resource "aws_bedrockagent_knowledge_base" "this" {
  count = var.index_ready ? 1 : 0

  name     = var.name
  role_arn = aws_iam_role.ingestion.arn
  tags     = var.tags

  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = local.embedding_model_arn
      embedding_model_configuration {
        bedrock_embedding_model_configuration {
          dimensions          = var.embedding.dimensions
          embedding_data_type = "FLOAT32"
        }
      }
    }
  }

  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = var.collection_arn
      vector_index_name = var.vector_index_name
      field_mapping {
        vector_field   = local.fields.vector
        text_field     = local.fields.text
        metadata_field = local.fields.metadata
      }
    }
  }

  # Bedrock checks the role's access when the knowledge base is created: the policy must exist first.
  depends_on = [aws_iam_role_policy.ingestion]
}

resource "aws_bedrockagent_data_source" "this" {
  count = var.index_ready ? 1 : 0

  name                 = var.name
  knowledge_base_id    = aws_bedrockagent_knowledge_base.this[0].id
  data_deletion_policy = "DELETE"

  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn         = var.documents.bucket_arn
      inclusion_prefixes = var.documents.prefix == null ? null : [var.documents.prefix]
    }
  }

  vector_ingestion_configuration {
    chunking_configuration {
      chunking_strategy = "FIXED_SIZE"
      fixed_size_chunking_configuration {
        max_tokens         = var.chunk_tokens
        overlap_percentage = 20
      }
    }
  }
}
