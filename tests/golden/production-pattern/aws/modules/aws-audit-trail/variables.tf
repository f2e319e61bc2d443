variable "trail_name" {
  type        = string
  description = "Name of the CloudTrail trail (3-128 letters, digits, '.', '_' and '-', starting and ending with a letter or digit)."
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$", var.trail_name))
    error_message = "trail_name must be 3-128 letters, digits, '.', '_' or '-', starting and ending with a letter or digit."
  }
}

variable "bucket_name" {
  type        = string
  description = "Name of the S3 bucket the trail delivers its log files to (3-63 lowercase letters, digits, '.' and '-')."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit."
  }
}

variable "account_id" {
  type        = string
  description = "The AWS account the trail and bucket are in (12 digits): it scopes the bucket and key policies."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "region" {
  type        = string
  description = "The trail's home region (where it is created): part of the trail ARN the policies name."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region such as us-east-1."
  }
}

variable "bedrock_data_resource_types" {
  type        = set(string)
  description = "Bedrock resource types whose data events the trail logs (CloudTrail resources.type values), e.g. AWS::Bedrock::KnowledgeBase for Retrieve and RetrieveAndGenerate. Bedrock runtime calls (InvokeModel, Converse) are management events and always logged."
  nullable    = false
  default     = []

  validation {
    condition     = alltrue([for t in var.bedrock_data_resource_types : contains(["AWS::Bedrock::AgentAlias", "AWS::Bedrock::FlowAlias", "AWS::Bedrock::Guardrail", "AWS::Bedrock::KnowledgeBase", "AWS::Bedrock::PromptVersion"], t)])
    error_message = "Each type must be one of AWS::Bedrock::AgentAlias, AWS::Bedrock::FlowAlias, AWS::Bedrock::Guardrail, AWS::Bedrock::KnowledgeBase, AWS::Bedrock::PromptVersion."
  }
}

variable "retention_days" {
  type        = number
  description = "Days log files are kept before the lifecycle rule expires them (90-3650)."
  nullable    = false
  default     = 365

  validation {
    condition     = var.retention_days >= 90 && var.retention_days <= 3650 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days must be a whole number from 90 to 3650."
  }
}

variable "reader_role_arns" {
  type        = list(string)
  description = "IAM roles of this account that copy the log files elsewhere (e.g. the role Storage Transfer Service assumes): they may list the bucket, read its objects and decrypt them, nothing else."
  nullable    = false
  default     = []

  validation {
    condition     = alltrue([for r in var.reader_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", r))])
    error_message = "Each reader_role_arns entry must be an IAM role ARN."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags put on every resource that takes them."
  nullable    = false
  default     = {}
}

variable "google_transfer" {
  type = object({
    role_name  = string
    subject_id = optional(string)
  })
  description = "A reader role for Google's Storage Transfer Service, which copies the log files into a GCP control plane's store: it trusts accounts.google.com for the transfer service agent's subject id only (the gcp stack's output; until it is known, no role is created). Null: no such role."
  default     = null

  validation {
    condition     = var.google_transfer == null || can(regex("^[\\w+=,.@-]{1,64}$", var.google_transfer.role_name))
    error_message = "google_transfer.role_name must be an IAM role name (1-64 letters, digits and +=,.@_-)."
  }

  validation {
    condition     = try(var.google_transfer.subject_id, null) == null || can(regex("^[0-9]{1,30}$", var.google_transfer.subject_id))
    error_message = "google_transfer.subject_id must be the numeric subject id of the Storage Transfer Service agent."
  }
}

variable "landing_writers" {
  type        = map(string)
  description = "Other clouds' audit logs landing in this bucket: prefix (e.g. gcp/) -> the one IAM role that writes under it (e.g. the audit receiver's Firehose role). Only that role may put objects under the prefix (a bucket-policy deny for every other principal), and the key lets it encrypt through S3 into this bucket only."
  nullable    = false
  default     = {}

  validation {
    condition     = alltrue([for p, r in var.landing_writers : can(regex("^[a-z][a-z0-9-]{0,30}/$", p)) && can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", r))])
    error_message = "Each landing_writers key must be a lowercase prefix ending in / (never the trail's AWSLogs/), and each value an IAM role ARN."
  }
}

variable "sentinel" {
  type = object({
    oidc_provider_arn = string
    audience          = string
    role_name         = string
    queue_name        = string
    workspace_id      = optional(string)
  })
  description = "Microsoft Sentinel's Amazon Web Services S3 connector reads the trail's files: an SQS queue the bucket announces new CloudTrail files on, and a role trusting the IAM OIDC provider of Microsoft's Sentinel tenant (oidc_provider_arn) for the audience given and the session name Sentinel sets for the workspace workspace_id (the Log Analytics workspace's GUID, the azure stack's output; until it is known, no role is created). role_name must start with OIDC_ (the connector requires it). Null: no queue, no role."
  default     = null

  validation {
    condition     = var.sentinel == null || can(regex("^OIDC_[\\w+=,.@-]{1,59}$", var.sentinel.role_name))
    error_message = "sentinel.role_name must be an IAM role name starting with OIDC_ (at most 64 letters, digits and +=,.@_-)."
  }

  validation {
    condition     = var.sentinel == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/sts\\.windows\\.net/[0-9a-f-]{36}/$", var.sentinel.oidc_provider_arn))
    error_message = "sentinel.oidc_provider_arn must be the IAM OIDC provider of an Entra tenant (oidc-provider/sts.windows.net/<tenant id>/)."
  }

  validation {
    condition     = var.sentinel == null || can(regex("^[A-Za-z0-9_-]{1,80}$", var.sentinel.queue_name))
    error_message = "sentinel.queue_name must be 1-80 letters, digits, '-' or '_'."
  }

  validation {
    condition     = try(var.sentinel.workspace_id, null) == null || can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.sentinel.workspace_id))
    error_message = "sentinel.workspace_id must be the Log Analytics workspace id (a lowercase GUID), not its resource id."
  }
}
