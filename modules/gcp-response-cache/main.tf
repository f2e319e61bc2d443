# A response cache at the Google Cloud boundary: Memorystore for Valkey with IAM authentication (callers present a
# short-lived access token of their own principal, so no password or AUTH string exists) and in-transit encryption,
# reached only through Private Service Connect endpoints that Memorystore creates in the VPC under a service
# connection policy. Eviction is least-recently-used across all keys: it is a cache, not a database.

resource "google_network_connectivity_service_connection_policy" "this" {
  count = var.service_connection_policy == null ? 0 : 1

  project       = var.project_id
  name          = var.service_connection_policy.name
  location      = var.region
  service_class = "gcp-memorystore"
  network       = var.network_id
  description   = "Private Service Connect endpoints for Memorystore in this network (managed by mcai)."
  labels        = var.labels

  psc_config {
    subnetworks = [var.service_connection_policy.subnetwork_id]
  }
}

resource "google_memorystore_instance" "this" {
  project                 = var.project_id
  instance_id             = var.instance_id
  location                = var.region
  mode                    = "CLUSTER_DISABLED"
  shard_count             = 1
  replica_count           = var.replicas
  node_type               = var.node_type
  engine_version          = var.engine_version
  authorization_mode      = "IAM_AUTH"
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  engine_configs          = { "maxmemory-policy" = "allkeys-lru" }
  labels                  = var.labels

  # Without replicas Memorystore picks the zone: a fixed "<region>-a" does not exist in every region.
  zone_distribution_config {
    mode = var.replicas > 0 ? "MULTI_ZONE" : "SINGLE_ZONE"
  }

  desired_auto_created_endpoints {
    network    = var.network_id
    project_id = var.project_id
  }

  depends_on = [google_network_connectivity_service_connection_policy.this]
}

# IAM authentication: each caller may connect (roles/memorystore.dbConnectionUser). Memorystore offers no
# instance-level IAM, so the grant is on the project: it admits the caller to every IAM-auth instance there.
resource "google_project_iam_member" "users" {
  for_each = var.users

  project = var.project_id
  role    = "roles/memorystore.dbConnectionUser"
  member  = each.value
}
