mock_provider "azurerm" {}

variables {
  name            = "acme-prod-azure-monthly"
  subscription_id = "00000000-0000-0000-0000-000000000000"
  amount_usd      = 900
  start_month     = "2027-01"
  emails          = ["finops@example.com"]
}

run "amount_start_and_alerts" {
  command = plan

  assert {
    condition     = azurerm_consumption_budget_subscription.this.amount == 900
    error_message = "The amount is the estimate's whole-dollar amount."
  }

  assert {
    condition     = azurerm_consumption_budget_subscription.this.time_period[0].start_date == "2027-01-01T00:00:00Z"
    error_message = "The start date is the first of the spec's month, not a clock reading."
  }

  assert {
    condition     = azurerm_consumption_budget_subscription.this.subscription_id == "/subscriptions/00000000-0000-0000-0000-000000000000"
    error_message = "The budget covers the subscription by its resource id."
  }

  assert {
    condition     = length(azurerm_consumption_budget_subscription.this.notification) == 3
    error_message = "Actual 80%, actual 100% and forecast 100% alerts."
  }
}

run "bad_start_month_is_rejected" {
  command = plan

  variables {
    start_month = "2027-13"
  }

  expect_failures = [var.start_month]
}

run "six_alerts_are_rejected" {
  command = plan

  variables {
    alerts = [for t in [50, 60, 70, 80, 90, 100] : { type = "Actual", threshold = t }]
  }

  expect_failures = [var.alerts]
}
