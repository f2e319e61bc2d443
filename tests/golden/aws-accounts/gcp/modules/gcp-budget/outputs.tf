output "budget_name" {
  description = "Resource name of the budget (billingAccounts/<account>/budgets/<id>)."
  value       = google_billing_budget.this.name
}

output "notification_channels" {
  description = "Email notification channel ids the budget alerts."
  value       = sort([for c in google_monitoring_notification_channel.email : c.id])
}
