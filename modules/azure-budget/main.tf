# A monthly budget for the whole subscription at the amount mcai's estimate gives (plus the spec's margin), so the
# estimate becomes the alarm. The start date comes from the spec's start month: a date read from the clock
# (timestamp()) would change every plan and replace the budget.

resource "azurerm_consumption_budget_subscription" "this" {
  name            = var.name
  subscription_id = "/subscriptions/${var.subscription_id}"
  amount          = var.amount_usd
  time_grain      = "Monthly"

  time_period {
    start_date = "${var.start_month}-01T00:00:00Z"
  }

  dynamic "notification" {
    for_each = var.alerts
    content {
      enabled        = true
      operator       = "GreaterThan"
      threshold      = notification.value.threshold
      threshold_type = notification.value.type
      contact_emails = var.emails
      contact_groups = var.action_group_ids
    }
  }
}
