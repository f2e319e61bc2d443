mock_provider "google" {
  mock_resource "google_vertex_ai_index_endpoint_deployed_index" {
    override_during = plan
    defaults = {
      private_endpoints = [{
        match_grpc_address      = ""
        psc_automated_endpoints = []
        service_attachment      = "projects/tenant-x/regions/us-east4/serviceAttachments/sa-1"
      }]
    }
  }
  mock_resource "google_project_iam_custom_role" {
    override_during = plan
    defaults = {
      name = "projects/acme-ai-prod/roles/support_assistant_prod_knowledgeQuery"
    }
  }
  mock_resource "google_service_account" {
    override_during = plan
    defaults = {
      member = "serviceAccount:knowledge-ingest@acme-ai-prod.iam.gserviceaccount.com"
    }
  }
}

variables {
  project_id           = "acme-ai-prod"
  region               = "us-east4"
  name                 = "support-assistant-prod-knowledge"
  deployed_index_id    = "support_assistant_prod_knowledge"
  dimensions           = 768
  network              = "projects/acme-ai-prod/global/networks/ai-vpc"
  subnetwork           = "projects/acme-ai-prod/regions/us-east4/subnetworks/psc"
  psc_name             = "support-assistant-prod-knowledge"
  documents            = { bucket_name = "support-assistant-prod-docs-123456789012", prefix = "articles/" }
  ingestion_account_id = "knowledge-ingest-prod"
  role_prefix          = "support_assistant_prod_knowledge"
  readers              = { router = "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-ai-prod.svc.id.goog/subject/ns/router/sa/router" }
}

run "index_private_and_narrow" {
  command = plan

  assert {
    condition     = google_vertex_ai_index.this.metadata[0].config[0].dimensions == 768 && google_vertex_ai_index.this.metadata[0].config[0].distance_measure_type == "COSINE_DISTANCE"
    error_message = "The index holds vectors of the embedding's dimension, with the spec's metric."
  }

  assert {
    condition     = google_vertex_ai_index_endpoint.this.private_service_connect_config[0].enable_private_service_connect && google_vertex_ai_index_endpoint.this.private_service_connect_config[0].project_allowlist == tolist(["acme-ai-prod"]) && google_vertex_ai_index_endpoint.this.public_endpoint_enabled != true
    error_message = "The endpoint is reachable only through PSC from its own project."
  }

  assert {
    condition     = google_compute_forwarding_rule.psc.target == "projects/tenant-x/regions/us-east4/serviceAttachments/sa-1"
    error_message = "The consumer endpoint points at the deployed index's service attachment."
  }

  assert {
    condition     = google_project_iam_custom_role.query.permissions == toset(["aiplatform.indexEndpoints.queryVectors"]) && google_project_iam_member.readers["router"].role == google_project_iam_custom_role.query.name
    error_message = "Readers get the query permission and nothing else."
  }

  assert {
    condition     = google_storage_bucket_iam_member.ingestion.condition[0].expression == "resource.name.startsWith(\"projects/_/buckets/support-assistant-prod-docs-123456789012/objects/articles/\")"
    error_message = "The ingestion identity reads the documents prefix only."
  }
}

run "euclidean_and_whole_bucket" {
  command = plan

  variables {
    distance  = "euclidean"
    documents = { bucket_name = "support-assistant-prod-docs-123456789012" }
  }

  assert {
    condition     = google_vertex_ai_index.this.metadata[0].config[0].distance_measure_type == "SQUARED_L2_DISTANCE" && length(google_storage_bucket_iam_member.ingestion.condition) == 0
    error_message = "Euclidean maps to SQUARED_L2_DISTANCE; without a prefix the grant covers the bucket."
  }
}

run "bad_deployed_index_id_is_rejected" {
  command = plan

  variables {
    deployed_index_id = "1-bad"
  }

  expect_failures = [var.deployed_index_id]
}

run "wildcard_prefix_is_rejected" {
  command = plan

  variables {
    documents = { bucket_name = "b-docs", prefix = "art*/" }
  }

  expect_failures = [var.documents]
}
