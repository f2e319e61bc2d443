# A Bedrock knowledge base over S3 documents with its vectors in S3 Vectors, all created by Terraform: the vector
# bucket and index (dimension = the embedding model's), the ingestion role Bedrock assumes, the knowledge base and
# its S3 data source. Embeddings are computed in the same region as the documents and the vectors (the article's
# "embeddings close to the vector store"). Ingestion itself is a job started after apply (see the outputs).

locals {
  embedding_model_arn = "arn:aws:bedrock:${var.region}::foundation-model/${var.embedding.model_id}"
  document_objects    = "${var.documents.bucket_arn}/${var.documents.prefix == null ? "" : var.documents.prefix}*"
}

resource "aws_s3vectors_vector_bucket" "this" {
  vector_bucket_name = var.vector_bucket_name
  tags               = var.tags

  # The vectors are rebuilt only by re-embedding the whole corpus (time and money): removal is a deliberate act.
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3vectors_index" "this" {
  index_name         = var.name
  vector_bucket_name = aws_s3vectors_vector_bucket.this.vector_bucket_name
  data_type          = "float32"
  dimension          = var.embedding.dimensions
  distance_metric    = var.distance_metric
  tags               = var.tags

  # Bedrock stores each chunk's text and metadata with its vector; filterable metadata is capped at 2 KB per vector,
  # so these keys must be non-filterable or ingestion of longer chunks fails.
  metadata_configuration {
    non_filterable_metadata_keys = ["AMAZON_BEDROCK_TEXT", "AMAZON_BEDROCK_METADATA"]
  }

  lifecycle {
    prevent_destroy = true
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

# Exactly what ingestion needs: the one embedding model, the documents under the prefix, the one index.
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
        Action   = ["s3vectors:GetIndex", "s3vectors:PutVectors", "s3vectors:GetVectors", "s3vectors:DeleteVectors", "s3vectors:QueryVectors"]
        Resource = [aws_s3vectors_index.this.index_arn]
      },
    ]
  })
}

resource "aws_bedrockagent_knowledge_base" "this" {
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
    type = "S3_VECTORS"
    s3_vectors_configuration {
      index_arn = aws_s3vectors_index.this.index_arn
    }
  }

  # Bedrock checks the role's access when the knowledge base is created: the policy must exist first.
  depends_on = [aws_iam_role_policy.ingestion]
}

resource "aws_bedrockagent_data_source" "this" {
  name                 = var.name
  knowledge_base_id    = aws_bedrockagent_knowledge_base.this.id
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
