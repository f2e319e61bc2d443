output "index_id" {
  description = "Full resource id of the Vector Search index (upsert datapoints into it)."
  value       = google_vertex_ai_index.this.id
}

output "index_endpoint_id" {
  description = "Full resource id of the index endpoint (queries name it with the deployed index id)."
  value       = google_vertex_ai_index_endpoint.this.id
}

output "deployed_index_id" {
  description = "Id of the index deployed on the endpoint (findNeighbors takes it)."
  value       = google_vertex_ai_index_endpoint_deployed_index.this.deployed_index_id
}

output "match_address" {
  description = "Internal address of the Private Service Connect consumer endpoint in the VPC: queries go there (gRPC)."
  value       = google_compute_address.psc.address
}

output "ingestion_service_account" {
  description = "Email of the ingestion service account (run the ingestion job as it; it has no keys)."
  value       = google_service_account.ingestion.email
}

output "query_role" {
  description = "Custom role the readers hold (aiplatform.indexEndpoints.queryVectors only)."
  value       = google_project_iam_custom_role.query.name
}
