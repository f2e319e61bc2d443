output "knowledge_base_id" {
  description = "Id of the knowledge base: what Retrieve and RetrieveAndGenerate calls name."
  value       = aws_bedrockagent_knowledge_base.this.id
}

output "knowledge_base_arn" {
  description = "ARN of the knowledge base: the only resource the workloads' bedrock:Retrieve grants name."
  value       = aws_bedrockagent_knowledge_base.this.arn
}

output "data_source_id" {
  description = "Id of the S3 data source: start an ingestion job with it (aws bedrock-agent start-ingestion-job)."
  value       = aws_bedrockagent_data_source.this.data_source_id
}

output "ingestion_role_arn" {
  description = "ARN of the role Bedrock assumes to ingest (documents prefix, embedding model and index only)."
  value       = aws_iam_role.ingestion.arn
}

output "index_arn" {
  description = "ARN of the S3 Vectors index holding the embeddings."
  value       = aws_s3vectors_index.this.index_arn
}
