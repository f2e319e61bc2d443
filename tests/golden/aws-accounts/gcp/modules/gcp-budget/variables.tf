variable "display_name" {
  type        = string
  description = "Budget display name (1-60 characters)."
  nullable    = false

  validation {
    condition     = length(var.display_name) >= 1 && length(var.display_name) <= 60
    error_message = "display_name must be 1-60 characters."
  }
}

variable "billing_account" {
  type        = string
  description = "Cloud Billing account the budget is created on, e.g. 012345-6789AB-CDEF01 (partner-supplied)."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$", var.billing_account))
    error_message = "billing_account must be three groups of six uppercase hex digits, e.g. 012345-6789AB-CDEF01."
  }
}

variable "project_id" {
  type        = string
  description = "Project holding the email notification channels."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be 6-30 lowercase letters, digits and hyphens, start with a letter and not end with a hyphen."
  }
}

variable "project_number" {
  type        = string
  description = "Number of the project whose spend the budget counts (budgets filter projects by number)."
  nullable    = false

  validation {
    condition     = can(regex("^[1-9][0-9]{5,18}$", var.project_number))
    error_message = "project_number must be the project's number (digits)."
  }
}

variable "amount_usd" {
  type        = number
  description = "Monthly amount in whole USD: the cost estimate for this project plus the spec's margin."
  nullable    = false

  validation {
    condition     = var.amount_usd >= 1 && floor(var.amount_usd) == var.amount_usd
    error_message = "amount_usd must be a whole number of dollars, at least 1."
  }
}

variable "emails" {
  type        = set(string)
  description = "Addresses alerted through email notification channels (1-5: a budget takes at most five channels)."
  nullable    = false

  validation {
    condition     = length(var.emails) >= 1 && length(var.emails) <= 5 && alltrue([for e in var.emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "emails must hold 1-5 email addresses."
  }
}

variable "pubsub_topic" {
  type        = string
  description = "Pub/Sub topic (projects/<project>/topics/<name>) that also receives every budget update, or null."
  default     = null

  validation {
    condition     = var.pubsub_topic == null || can(regex("^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/topics/[A-Za-z][A-Za-z0-9._~+%-]{2,254}$", var.pubsub_topic))
    error_message = "pubsub_topic must be projects/<project>/topics/<name>."
  }
}

variable "alerts" {
  type = list(object({
    spend_basis = string
    threshold   = number
  }))
  description = "When to alert: CURRENT_SPEND or FORECASTED_SPEND at a fraction of the amount (1.0 = 100%)."
  nullable    = false
  default = [
    { spend_basis = "CURRENT_SPEND", threshold = 0.8 },
    { spend_basis = "CURRENT_SPEND", threshold = 1.0 },
    { spend_basis = "FORECASTED_SPEND", threshold = 1.0 },
  ]

  validation {
    condition     = length(var.alerts) >= 1 && alltrue([for a in var.alerts : contains(["CURRENT_SPEND", "FORECASTED_SPEND"], a.spend_basis) && a.threshold > 0 && a.threshold <= 10])
    error_message = "Each alert needs spend_basis CURRENT_SPEND or FORECASTED_SPEND and a threshold in (0, 10]."
  }
}
