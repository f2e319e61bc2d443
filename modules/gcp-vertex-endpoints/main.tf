# Vertex AI endpoints for self-deployed or tuned models. Publisher models such as Gemini need no endpoint (enabling
# the API and granting roles/aiplatform.user is all it takes), so this module only exists for models you deploy
# yourself. Each endpoint may be served through Private Service Connect (reachable only from allow-listed projects)
# and may log a sample of requests and responses to a BigQuery table that Vertex AI creates. The consumer end of a
# Private Service Connect endpoint (forwarding rule to the deployed model's service attachment) is in main.psc.tf.

resource "google_vertex_ai_endpoint" "this" {
  #checkov:skip=CKV2_GCP_33:Private through private_service_connect_config when the spec asks (checkov cannot see it)
  for_each = var.endpoints

  project      = var.project_id
  name         = each.value.name
  display_name = each.value.display_name
  description  = each.value.description
  location     = each.value.location
  labels       = var.labels

  dynamic "private_service_connect_config" {
    for_each = each.value.private_service_connect ? [var.project_id] : []
    content {
      enable_private_service_connect = true
      project_allowlist              = [private_service_connect_config.value]
    }
  }

  dynamic "encryption_spec" {
    for_each = each.value.kms_key_name == null ? [] : [each.value.kms_key_name]
    content {
      kms_key_name = encryption_spec.value
    }
  }

  dynamic "predict_request_response_logging_config" {
    for_each = each.value.logging == null ? [] : [each.value.logging]
    content {
      enabled       = true
      sampling_rate = predict_request_response_logging_config.value.sampling_rate

      bigquery_destination {
        output_uri = predict_request_response_logging_config.value.output_uri
      }
    }
  }
}
