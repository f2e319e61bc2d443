# A GKE workload's identity in its own project, with Workload Identity Federation for GKE: the Kubernetes service
# account itself is the IAM principal (no Google service account to impersonate, no key anywhere). The pod's token
# from the GKE metadata server is exchanged for a federated token of this principal; roles are granted to it here,
# resource-level grants (datasets, buckets) take its `member` output. With pool_project_id, the cluster runs in that
# project and this call grants its workload roles in project_id (a use across two projects).

locals {
  member = join("/", [
    "principal://iam.googleapis.com/projects/${var.project_number}/locations/global/workloadIdentityPools",
    "${coalesce(var.pool_project_id, var.project_id)}.svc.id.goog/subject/ns/${var.namespace}/sa/${var.service_account}",
  ])
}

resource "google_project_iam_member" "this" {
  for_each = toset(var.project_roles)

  project = var.project_id
  role    = each.value
  member  = local.member
}
