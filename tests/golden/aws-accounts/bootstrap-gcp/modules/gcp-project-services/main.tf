# Enables the Google APIs the stack uses (Vertex AI, BigQuery, IAM, STS, Compute, DNS...). Other modules take the
# project id from this module's output, so Terraform enables every API before it creates anything that needs one.
# Destroying the stack leaves the APIs enabled by default: other workloads in the project may depend on them, and
# since google 7.0 the provider no longer picks a default for that choice.

resource "google_project_service" "this" {
  for_each = var.services

  project                    = var.project_id
  service                    = each.value
  disable_on_destroy         = var.disable_on_destroy
  disable_dependent_services = false
}
