# Bedrock account settings for one account and region: guardrails, provisioned throughput, model invocation logging
# and a PrivateLink endpoint for bedrock-runtime. Model access itself is IAM only (see aws-workload-role).

locals {
  logging          = var.invocation_logging
  log_to_s3        = try(local.logging.bucket_name, null) != null
  log_to_cw        = try(local.logging.log_group_name, null) != null
  bedrock_resource = local.logging == null ? null : "arn:aws:bedrock:${local.logging.region}:${local.logging.account_id}:*"
  logs_cmk         = try(local.logging.customer_managed_key, false)
  logs_key_arn     = local.logs_cmk ? aws_kms_key.invocation_logs[0].arn : null
}

resource "aws_bedrock_guardrail" "this" {
  for_each = var.guardrails

  name                      = each.value.name
  blocked_input_messaging   = each.value.blocked_message
  blocked_outputs_messaging = each.value.blocked_message
  description               = "Managed by mcai"
  tags                      = var.tags

  dynamic "content_policy_config" {
    for_each = length(each.value.content_filters) > 0 ? [each.value.content_filters] : []

    content {
      dynamic "filters_config" {
        for_each = content_policy_config.value

        content {
          type            = filters_config.key
          input_strength  = filters_config.value.input_strength
          output_strength = filters_config.value.output_strength
        }
      }
    }
  }

  dynamic "topic_policy_config" {
    for_each = length(each.value.denied_topics) > 0 ? [each.value.denied_topics] : []

    content {
      dynamic "topics_config" {
        for_each = topic_policy_config.value

        content {
          name       = topics_config.value.name
          definition = topics_config.value.definition
          examples   = topics_config.value.examples
          type       = "DENY"
        }
      }
    }
  }

  dynamic "sensitive_information_policy_config" {
    for_each = length(each.value.pii_entities) > 0 ? [each.value.pii_entities] : []

    content {
      dynamic "pii_entities_config" {
        for_each = sensitive_information_policy_config.value

        content {
          type   = pii_entities_config.key
          action = pii_entities_config.value
        }
      }
    }
  }

  dynamic "word_policy_config" {
    for_each = each.value.profanity ? [1] : []

    content {
      managed_word_lists_config {
        type = "PROFANITY"
      }
    }
  }
}

# A numbered version: callers pin it, so editing the draft never changes live behaviour unannounced.
resource "aws_bedrock_guardrail_version" "this" {
  for_each = var.guardrails

  guardrail_arn = aws_bedrock_guardrail.this[each.key].guardrail_arn
  description   = "Managed by mcai"
}

resource "aws_bedrock_provisioned_model_throughput" "this" {
  for_each = var.provisioned_throughputs

  provisioned_model_name = each.value.name
  model_arn              = each.value.model_arn
  model_units            = each.value.model_units
  commitment_duration    = each.value.commitment_duration
  tags                   = var.tags

  # Committed model units cannot be deleted before the term ends and are billed either way; every argument forces
  # replacement, so an innocent change must stop at plan time rather than fail halfway through an apply.
  lifecycle {
    prevent_destroy = true
  }
}
