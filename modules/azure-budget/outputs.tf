output "budget_id" {
  description = "Resource id of the budget."
  value       = azurerm_consumption_budget_subscription.this.id
}

output "amount" {
  description = "The monthly amount (billing currency)."
  value       = azurerm_consumption_budget_subscription.this.amount
}
