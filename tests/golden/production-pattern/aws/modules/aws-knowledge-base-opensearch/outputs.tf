output "knowledge_base_id" {
  description = "Id of the knowledge base (null until index_ready): what Retrieve and RetrieveAndGenerate calls name."
  value       = one(aws_bedrockagent_knowledge_base.this[*].id)
}

output "knowledge_base_arns" {
  description = "ARN of the knowledge base as a list (empty until index_ready): the only resource the workloads' bedrock:Retrieve grants name."
  value       = aws_bedrockagent_knowledge_base.this[*].arn
}

output "data_source_id" {
  description = "Id of the S3 data source (null until index_ready): start ingestion jobs with it."
  value       = one(aws_bedrockagent_data_source.this[*].data_source_id)
}

output "ingestion_role_arn" {
  description = "ARN of the role Bedrock assumes to ingest: the collection's data access policy must admit it."
  value       = aws_iam_role.ingestion.arn
}

output "index_fields" {
  description = "Field names the vector index must have (vector: knn_vector of embedding.dimensions; text; metadata)."
  value       = local.fields
}
