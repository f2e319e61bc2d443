variable "name_prefix" {
  type        = string
  description = "Prefix of every resource name (estate-environment); used for the logging role and endpoint group."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,50}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be lowercase letters, digits and hyphens, 2-52 characters."
  }
}

variable "guardrails" {
  type = map(object({
    name            = string
    blocked_message = string
    content_filters = optional(map(object({
      input_strength  = string
      output_strength = string
    })), {})
    denied_topics = optional(list(object({
      name       = string
      definition = string
      examples   = optional(list(string), [])
    })), [])
    pii_entities = optional(map(string), {})
    profanity    = optional(bool, false)
  }))
  description = <<-EOT
    Guardrails keyed by model. Required: name (1-50 of [0-9a-zA-Z_-]), blocked_message (1-500 characters).
    Optional: content_filters (filter type -> input/output strength NONE|LOW|MEDIUM|HIGH, default {}),
    denied_topics (default []), pii_entities (entity type -> BLOCK|ANONYMIZE, default {}), profanity (default false).
  EOT
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for g in values(var.guardrails) : can(regex("^[0-9a-zA-Z_-]{1,50}$", g.name))])
    error_message = "Each guardrail name must be 1-50 letters, digits, '-' or '_'."
  }

  validation {
    condition = alltrue(flatten([for g in values(var.guardrails) : [
      for f in values(g.content_filters) : contains(["NONE", "LOW", "MEDIUM", "HIGH"], f.input_strength) && contains(["NONE", "LOW", "MEDIUM", "HIGH"], f.output_strength)
    ]]))
    error_message = "Content filter strengths must be NONE, LOW, MEDIUM or HIGH."
  }

  validation {
    condition     = alltrue(flatten([for g in values(var.guardrails) : [for a in values(g.pii_entities) : contains(["BLOCK", "ANONYMIZE"], a)]]))
    error_message = "PII actions must be BLOCK or ANONYMIZE."
  }
}

variable "provisioned_throughputs" {
  type = map(object({
    name                = string
    model_arn           = string
    model_units         = number
    commitment_duration = optional(string)
  }))
  description = <<-EOT
    Provisioned throughput keyed by model. Required: name, model_arn (foundation-model ARN), model_units (>= 1).
    Optional: commitment_duration (OneMonth or SixMonths; null for no commitment). Every field forces replacement.
  EOT
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for p in values(var.provisioned_throughputs) : p.model_units >= 1 && floor(p.model_units) == p.model_units])
    error_message = "model_units must be a whole number, at least 1."
  }

  validation {
    condition     = alltrue([for p in values(var.provisioned_throughputs) : p.commitment_duration == null || contains(["OneMonth", "SixMonths"], coalesce(p.commitment_duration, "OneMonth"))])
    error_message = "commitment_duration must be OneMonth, SixMonths or null."
  }
}

variable "invocation_logging" {
  type = object({
    account_id           = string
    region               = string
    bucket_name          = optional(string)
    log_group_name       = optional(string)
    retention_days       = number
    customer_managed_key = optional(bool, false)
  })
  description = <<-EOT
    Model invocation logging for the account and region (a singleton: exactly one stack may set it). Required:
    account_id, region, retention_days. Optional: bucket_name (S3 delivery), log_group_name (CloudWatch delivery);
    at least one of them; customer_managed_key (default false: a rotated KMS key of this module encrypts both
    destinations, since the logs hold prompts and completions). Null turns logging off.
  EOT
  default     = null

  validation {
    condition     = var.invocation_logging == null || try(var.invocation_logging.bucket_name != null || var.invocation_logging.log_group_name != null, false)
    error_message = "invocation_logging needs bucket_name, log_group_name, or both."
  }
}

variable "runtime_endpoint" {
  type = object({
    region                     = string
    vpc_id                     = string
    subnet_ids                 = list(string)
    allowed_security_group_ids = optional(list(string), [])
    allowed_cidr_blocks        = optional(list(string), [])
    agent_runtime              = optional(bool, false)
  })
  description = "When set, an interface VPC endpoint (PrivateLink) for bedrock-runtime in these subnets, reachable on 443 from allowed_security_group_ids (the callers' own groups, preferred) and/or allowed_cidr_blocks; with agent_runtime = true (default false) also one for bedrock-agent-runtime (knowledge base queries)."
  default     = null

  validation {
    condition     = var.runtime_endpoint == null || try(length(var.runtime_endpoint.allowed_security_group_ids) + length(var.runtime_endpoint.allowed_cidr_blocks) > 0, false)
    error_message = "Name the callers: allowed_security_group_ids (preferred) or allowed_cidr_blocks."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every taggable resource (on top of the provider's default tags)."
  default     = {}
  nullable    = false
}
