# A Vertex AI Vector Search retrieval store next to its documents: a streaming index whose dimension is the embedding
# model's, an index endpoint reachable only through Private Service Connect from this project, the index deployed on
# it, and the consumer end of PSC (an internal address and a forwarding rule to the deployed index's service
# attachment) in the workload VPC, so queries never leave the network. Vertex AI Vector Search rather than RAG Engine:
# the RAG corpus resource exists only from google 8.x, and the pinned providers start at 7.40.
#
# Identities. The ingestion job runs as a service account created here (no key): it reads the documents (bucket
# objects under the prefix only, through an IAM condition), calls the embedding model and upserts datapoints into
# this index. Readers get a custom role holding only aiplatform.indexEndpoints.queryVectors (findNeighbors and
# readIndexDatapoints): Vertex AI has no IAM on a single index endpoint, so the role is granted on the project and
# admits the reader to any index endpoint there, and to nothing else. The index uses STREAM_UPDATE, so Vertex AI's
# service agent reads nothing of this project's storage and needs no grant.

locals {
  # cosine and euclidean, as the spec names them, in Vector Search's terms
  distance         = { cosine = "COSINE_DISTANCE", euclidean = "SQUARED_L2_DISTANCE" }[var.distance]
  document_objects = "projects/_/buckets/${var.documents.bucket_name}/objects/${var.documents.prefix == null ? "" : var.documents.prefix}"
}

resource "google_vertex_ai_index" "this" {
  project             = var.project_id
  region              = var.region
  display_name        = var.name
  description         = var.description
  index_update_method = "STREAM_UPDATE"
  labels              = var.labels

  metadata {
    config {
      dimensions                  = var.dimensions
      distance_measure_type       = local.distance
      approximate_neighbors_count = 150
      shard_size                  = var.shard_size

      algorithm_config {
        tree_ah_config {
          leaf_node_embedding_count    = 1000
          leaf_nodes_to_search_percent = 10
        }
      }
    }
  }

  # The vectors are the product of every ingestion job so far: re-embedding the corpus costs tokens and time.
  lifecycle {
    prevent_destroy = true
  }
}

resource "google_vertex_ai_index_endpoint" "this" {
  project      = var.project_id
  region       = var.region
  display_name = var.name
  description  = var.description
  labels       = var.labels

  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = [var.project_id]
  }
}

resource "google_vertex_ai_index_endpoint_deployed_index" "this" {
  index_endpoint    = google_vertex_ai_index_endpoint.this.id
  index             = google_vertex_ai_index.this.id
  deployed_index_id = var.deployed_index_id
  display_name      = var.name

  dedicated_resources {
    min_replica_count = var.min_replicas
    max_replica_count = var.max_replicas

    machine_spec {
      machine_type = var.machine_type
    }
  }

  # Deploying an index takes 30 to 60 minutes; the provider's default create timeout (20 minutes) would leave a
  # deployment Terraform has given up on and taints. The replica counts and machine type are immutable: changing them
  # undeploys and deploys again (queries fail meanwhile), which the plan shows as a replacement.
  timeouts {
    create = "90m"
    delete = "40m"
  }
}

# The consumer end of PSC: without it nothing in the VPC can reach the deployed index.
resource "google_compute_address" "psc" {
  project      = var.project_id
  name         = "${var.psc_name}-psc"
  region       = var.region
  subnetwork   = var.subnetwork
  address_type = "INTERNAL"
  description  = "Private Service Connect consumer address of Vector Search index endpoint ${var.name} (managed by mcai)"
}

resource "google_compute_forwarding_rule" "psc" {
  project               = var.project_id
  name                  = "${var.psc_name}-psc"
  region                = var.region
  network               = var.network
  ip_address            = google_compute_address.psc.id
  target                = google_vertex_ai_index_endpoint_deployed_index.this.private_endpoints[0].service_attachment
  load_balancing_scheme = ""
}

# -- ingestion identity -------------------------------------------------------------------------------------------
resource "google_service_account" "ingestion" {
  project      = var.project_id
  account_id   = var.ingestion_account_id
  display_name = "${var.name} ingestion"
  description  = "Embeds the documents of ${var.name} into its Vector Search index (managed by mcai; no keys)"
}

resource "google_storage_bucket_iam_member" "ingestion" {
  bucket = var.documents.bucket_name
  role   = "roles/storage.objectViewer"
  member = google_service_account.ingestion.member

  dynamic "condition" {
    for_each = var.documents.prefix == null ? [] : [var.documents.prefix]
    content {
      title       = "documents-prefix"
      description = "Only the objects under the documents prefix this store embeds"
      expression  = "resource.name.startsWith(\"${local.document_objects}\")"
    }
  }
}

resource "google_project_iam_custom_role" "ingestion" {
  project     = var.project_id
  role_id     = "${var.role_prefix}Ingest"
  title       = "${var.name} ingestion"
  description = "Call an embedding model and upsert datapoints into a Vector Search index (managed by mcai)"
  permissions = ["aiplatform.endpoints.predict", "aiplatform.indexes.update"]
}

resource "google_project_iam_member" "ingestion" {
  project = var.project_id
  role    = google_project_iam_custom_role.ingestion.name
  member  = google_service_account.ingestion.member
}

# -- readers --------------------------------------------------------------------------------------------------------
resource "google_project_iam_custom_role" "query" {
  project     = var.project_id
  role_id     = "${var.role_prefix}Query"
  title       = "${var.name} query"
  description = "Query Vector Search index endpoints (findNeighbors, readIndexDatapoints) and nothing else (managed by mcai)"
  permissions = ["aiplatform.indexEndpoints.queryVectors"]
}

resource "google_project_iam_member" "readers" {
  for_each = var.readers

  project = var.project_id
  role    = google_project_iam_custom_role.query.name
  member  = each.value
}
