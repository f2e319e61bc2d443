# A monthly cost budget for the whole account at the amount mcai's estimate gives (plus the spec's margin), so the
# estimate becomes the alarm: actual spend at 80% and 100% and forecast spend at 100% alert the given recipients.

resource "aws_budgets_budget" "this" {
  name         = var.name
  budget_type  = "COST"
  limit_amount = format("%d", var.amount_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  dynamic "notification" {
    for_each = var.alerts
    content {
      comparison_operator        = "GREATER_THAN"
      notification_type          = notification.value.type
      threshold                  = notification.value.threshold
      threshold_type             = "PERCENTAGE"
      subscriber_email_addresses = var.emails
      subscriber_sns_topic_arns  = var.sns_topic_arns
    }
  }
}
