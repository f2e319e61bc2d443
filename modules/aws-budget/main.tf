# A monthly cost budget for one account at the amount mcai's estimate gives for that account (plus the spec's
# margin), so the estimate becomes the alarm: actual spend at 80% and 100% and forecast spend at 100% alert the given
# recipients. The LinkedAccount filter keeps it to this account even when it is the organization's management
# account, whose unfiltered budgets would count every member account's spend.

resource "aws_budgets_budget" "this" {
  name         = var.name
  budget_type  = "COST"
  limit_amount = format("%d", var.amount_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  cost_filter {
    name   = "LinkedAccount"
    values = [var.account_id]
  }

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
