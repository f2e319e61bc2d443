variable "name" {
  type        = string
  description = "Budget name (1-100 characters, no ':' or '\\'), unique in the account."
  nullable    = false

  validation {
    condition     = length(var.name) >= 1 && length(var.name) <= 100 && can(regex("^[^:\\\\]+$", var.name))
    error_message = "name must be 1-100 characters without ':' or '\\'."
  }
}

variable "account_id" {
  type        = string
  description = "The AWS account whose spend the budget counts (its own account: the stack's provider's)."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "amount_usd" {
  type        = number
  description = "Monthly limit in whole USD: the cost estimate for this account plus the spec's margin."
  nullable    = false

  validation {
    condition     = var.amount_usd >= 1 && floor(var.amount_usd) == var.amount_usd
    error_message = "amount_usd must be a whole number of dollars, at least 1."
  }
}

variable "emails" {
  type        = set(string)
  description = "Addresses alerted at each threshold (1-10)."
  nullable    = false

  validation {
    condition     = length(var.emails) >= 1 && length(var.emails) <= 10 && alltrue([for e in var.emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "emails must hold 1-10 email addresses."
  }
}

variable "sns_topic_arns" {
  type        = set(string)
  description = "SNS topics also alerted (their policy must let budgets.amazonaws.com publish)."
  nullable    = false
  default     = []

  validation {
    condition     = alltrue([for t in var.sns_topic_arns : can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", t))])
    error_message = "Each sns_topic_arns entry must be an SNS topic ARN."
  }
}

variable "alerts" {
  type = list(object({
    type      = string
    threshold = number
  }))
  description = "When to alert: ACTUAL or FORECASTED spend at a percentage of the limit."
  nullable    = false
  default = [
    { type = "ACTUAL", threshold = 80 },
    { type = "ACTUAL", threshold = 100 },
    { type = "FORECASTED", threshold = 100 },
  ]

  validation {
    condition     = length(var.alerts) >= 1 && alltrue([for a in var.alerts : contains(["ACTUAL", "FORECASTED"], a.type) && a.threshold > 0 && a.threshold <= 1000])
    error_message = "Each alert needs type ACTUAL or FORECASTED and a threshold in (0, 1000] percent."
  }
}
