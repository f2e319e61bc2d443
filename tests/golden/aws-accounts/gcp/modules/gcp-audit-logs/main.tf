# Data Access audit logs for the Google APIs the estate's workloads call (Vertex AI inference, BigQuery reads and
# writes): Google writes Admin Activity logs always, but DATA_READ and DATA_WRITE only where an audit config asks.
# With them, every prediction and query names the caller (the workload's service account, or its federated
# principal), so the three clouds' logs can be joined on the caller and the time window (see the stack README).
# An audit config is authoritative for its service in the project: one owner per project and service. With
# aws_landing, these logs and the Admin Activity logs are also pushed to an AWS control plane (main.export.tf).

resource "google_project_iam_audit_config" "this" {
  for_each = var.services

  project = var.project_id
  service = each.value

  dynamic "audit_log_config" {
    for_each = var.log_types
    content {
      log_type = audit_log_config.value
    }
  }
}
