variable "name" {
  type        = string
  description = "Budget name (1-63 letters, digits, '-' and '_'), unique in the subscription."
  nullable    = false

  validation {
    condition     = can(regex("^[-_a-zA-Z0-9]{1,63}$", var.name))
    error_message = "name must be 1-63 letters, digits, '-' and '_'."
  }
}

variable "subscription_id" {
  type        = string
  description = "Subscription the budget covers (its GUID)."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", var.subscription_id))
    error_message = "subscription_id must be a subscription GUID."
  }
}

variable "amount_usd" {
  type        = number
  description = "Monthly amount in whole units of the subscription's billing currency: mcai's USD estimate plus the spec's margin."
  nullable    = false

  validation {
    condition     = var.amount_usd >= 1 && floor(var.amount_usd) == var.amount_usd
    error_message = "amount_usd must be a whole number, at least 1."
  }
}

variable "start_month" {
  type        = string
  description = "First month (YYYY-MM) the budget runs; written in the spec, never read from the clock, so plans stay stable."
  nullable    = false

  validation {
    condition     = can(regex("^20[2-9][0-9]-(0[1-9]|1[0-2])$", var.start_month))
    error_message = "start_month must be YYYY-MM, e.g. 2027-01."
  }
}

variable "emails" {
  type        = list(string)
  description = "Addresses alerted at each threshold (1-50)."
  nullable    = false

  validation {
    condition     = length(var.emails) >= 1 && length(var.emails) <= 50 && alltrue([for e in var.emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "emails must hold 1-50 email addresses."
  }
}

variable "action_group_ids" {
  type        = list(string)
  description = "Azure Monitor action groups also notified."
  nullable    = false
  default     = []

  validation {
    condition     = alltrue([for g in var.action_group_ids : can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/microsoft\\.insights/actionGroups/[^/]+$", g))])
    error_message = "Each action_group_ids entry must be an action group resource id."
  }
}

variable "alerts" {
  type = list(object({
    type      = string
    threshold = number
  }))
  description = "When to alert: Actual or Forecasted spend at a percentage of the amount (at most 5)."
  nullable    = false
  default = [
    { type = "Actual", threshold = 80 },
    { type = "Actual", threshold = 100 },
    { type = "Forecasted", threshold = 100 },
  ]

  validation {
    condition     = length(var.alerts) >= 1 && length(var.alerts) <= 5 && alltrue([for a in var.alerts : contains(["Actual", "Forecasted"], a.type) && a.threshold > 0 && a.threshold <= 1000])
    error_message = "alerts must hold 1-5 entries, each Actual or Forecasted with a threshold in (0, 1000] percent."
  }
}
