output "collection_arn" {
  description = "ARN of the collection (for aoss:APIAccessAll)."
  value       = aws_opensearchserverless_collection.this.arn
}

output "collection_endpoint" {
  description = "Collection endpoint."
  value       = aws_opensearchserverless_collection.this.collection_endpoint
}
