variable "name" {
  type        = string
  description = "Base name of the receiver's API, function, delivery stream, roles and log groups (1-40 letters, digits and '-', starting with a letter)."
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9-]{0,39}$", var.name))
    error_message = "name must be 1-40 letters, digits or '-', starting with a letter."
  }
}

variable "account_id" {
  type        = string
  description = "The AWS account the receiver and the log store are in (12 digits)."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "region" {
  type        = string
  description = "The region the receiver runs in, the log store's region (S3 is reached through s3.<region>.amazonaws.com)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region such as us-east-1."
  }
}

variable "log_bucket_arn" {
  type        = string
  description = "ARN of the log store (the trail's bucket) the entries are delivered into."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.log_bucket_arn))
    error_message = "log_bucket_arn must be an S3 bucket ARN."
  }
}

variable "log_kms_key_arn" {
  type        = string
  description = "The log store's customer-managed key (the trail's): delivered files are encrypted with it."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN."
  }
}

variable "prefix" {
  type        = string
  description = "Where the files land in the log store: <prefix><yyyy>/<MM>/<dd>/<HH>/, failed deliveries under <prefix>errors/."
  nullable    = false
  default     = "gcp/"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}/$", var.prefix))
    error_message = "prefix must be lowercase letters, digits or '-', ending in /."
  }
}

variable "audience" {
  type        = string
  description = "The exact audience the push subscription's OIDC token carries; the JWT authorizer admits no other."
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9:/._-]{7,199}$", var.audience))
    error_message = "audience must be 8-200 letters, digits or :/._-."
  }
}

variable "pusher_email" {
  type        = string
  description = "Email of the Google service account the push subscription signs its tokens as: the only signer the function admits."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\\.iam\\.gserviceaccount\\.com$", var.pusher_email))
    error_message = "pusher_email must be a user-managed service account's email (<id>@<project>.iam.gserviceaccount.com)."
  }
}

variable "pusher_subject" {
  type        = string
  description = "The service account's unique id (the token's sub), known once the gcp stack is applied. Null until then: the function admits the verified email alone, which a deleted and re-created account of the same name would also carry."
  default     = null

  validation {
    condition     = var.pusher_subject == null || can(regex("^[0-9]{10,30}$", var.pusher_subject))
    error_message = "pusher_subject must be the service account's numeric unique id."
  }
}

variable "subscription" {
  type        = string
  description = "Full name of the push subscription (projects/<project>/subscriptions/<name>): envelopes from any other are refused."
  nullable    = false

  validation {
    condition     = can(regex("^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/subscriptions/[A-Za-z][A-Za-z0-9._~+%-]{2,254}$", var.subscription))
    error_message = "subscription must be projects/<project id>/subscriptions/<name>."
  }
}

variable "throttle" {
  type = object({
    rate_per_second = number
    burst           = number
    concurrency     = optional(number)
  })
  description = "Requests per second and burst the API admits (more get 429, which Pub/Sub retries with backoff), and the function's reserved concurrency: null (the default) reserves none, since Lambda refuses a reservation that leaves the account fewer than 100 unreserved executions and young accounts often have a quota of 10 or 50."
  nullable    = false
  default     = { rate_per_second = 50, burst = 100 }

  validation {
    condition     = var.throttle.rate_per_second >= 1 && var.throttle.burst >= 1 && (var.throttle.concurrency == null || try(var.throttle.concurrency >= 1 && var.throttle.concurrency <= 100, false))
    error_message = "throttle values must be positive; concurrency, when set, between 1 and 100."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Days the receiver's own logs (API access log, function log, delivery errors) are kept."
  nullable    = false
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention of at least a year (365, 400, 545, 731, ...)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags put on every resource that takes them."
  nullable    = false
  default     = {}
}

variable "azure" {
  type = object({
    tenant_id    = string
    audience     = string
    principal_id = optional(string)
  })
  description = "Azure's audit rows, posted by one Logic App to POST /push-azure and landing under azure/: the tenant whose v1 tokens a second JWT authorizer admits (issuer https://sts.windows.net/<tenant>/), the exact audience (the identifier URI of the Entra ID application the azure stack creates), and the Logic App's managed identity object id (the token's oid). Null principal_id: every Azure token is refused, since any identity of the tenant can get a token for that audience. Null: no Azure route."
  default     = null

  validation {
    condition = var.azure == null || try(
      can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.azure.tenant_id))
      && can(regex("^api://[A-Za-z0-9][A-Za-z0-9/._-]{7,199}$", var.azure.audience))
      && (var.azure.principal_id == null || can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.azure.principal_id))),
      false
    )
    error_message = "azure needs a tenant id (GUID), an api:// audience and, when known, the identity's object id (GUID)."
  }
}
