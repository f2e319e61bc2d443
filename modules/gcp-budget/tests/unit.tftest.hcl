mock_provider "google" {}

variables {
  display_name    = "acme-prod-gcp-monthly"
  billing_account = "012345-6789AB-CDEF01"
  project_id      = "acme-ai-prod"
  project_number  = "123456789012"
  amount_usd      = 750
  emails          = ["finops@example.com", "platform@example.com"]
}

run "amount_filter_and_channels" {
  command = plan

  assert {
    condition     = google_billing_budget.this.amount[0].specified_amount[0].units == "750" && google_billing_budget.this.amount[0].specified_amount[0].currency_code == "USD"
    error_message = "The amount is the estimate's whole-dollar amount in USD."
  }

  assert {
    condition     = google_billing_budget.this.budget_filter[0].projects == toset(["projects/123456789012"])
    error_message = "The budget counts the project's spend, named by number."
  }

  assert {
    condition     = length(google_monitoring_notification_channel.email) == 2 && length(google_billing_budget.this.threshold_rules) == 3
    error_message = "One email channel per address; actual 80%, actual 100% and forecast 100% rules."
  }
}

run "lowercase_billing_account_is_rejected" {
  command = plan

  variables {
    billing_account = "012345-6789ab-cdef01"
  }

  expect_failures = [var.billing_account]
}

run "six_emails_are_rejected" {
  command = plan

  variables {
    emails = ["a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com", "f@example.com"]
  }

  expect_failures = [var.emails]
}
