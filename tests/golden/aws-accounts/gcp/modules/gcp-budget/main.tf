# A monthly Cloud Billing budget on the project at the amount mcai's estimate gives (plus the spec's margin), so the
# estimate becomes the alarm. The amount is in USD: the API refuses it on a billing account billed in another
# currency instead of reading dollars as another currency. Email recipients are Cloud Monitoring email channels
# (a budget names channels, not addresses); the billing account's administrators are alerted too.

resource "google_monitoring_notification_channel" "email" {
  for_each = var.emails

  project      = var.project_id
  display_name = "Budget alerts: ${each.value}"
  type         = "email"
  labels = {
    email_address = each.value
  }
}

resource "google_billing_budget" "this" {
  billing_account = var.billing_account
  display_name    = var.display_name

  budget_filter {
    projects        = ["projects/${var.project_number}"]
    calendar_period = "MONTH"
  }

  amount {
    specified_amount {
      currency_code = "USD"
      units         = format("%d", var.amount_usd)
    }
  }

  dynamic "threshold_rules" {
    for_each = var.alerts
    content {
      threshold_percent = threshold_rules.value.threshold
      spend_basis       = threshold_rules.value.spend_basis
    }
  }

  all_updates_rule {
    monitoring_notification_channels = sort([for c in google_monitoring_notification_channel.email : c.id])
    pubsub_topic                     = var.pubsub_topic
    schema_version                   = var.pubsub_topic == null ? null : "1.0"
  }
}
