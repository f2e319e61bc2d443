mock_provider "aws" {}

variables {
  name       = "acme-prod-aws-monthly"
  amount_usd = 1234
  account_id = "111122223333"
  emails     = ["finops@example.com"]
}

run "limit_is_the_amount_with_three_alerts" {
  command = plan

  assert {
    condition     = aws_budgets_budget.this.limit_amount == "1234" && aws_budgets_budget.this.limit_unit == "USD"
    error_message = "The limit is the estimate's whole-dollar amount in USD."
  }

  assert {
    condition     = jsonencode(flatten([for f in aws_budgets_budget.this.cost_filter : f.values if f.name == "LinkedAccount"])) == jsonencode(["111122223333"])
    error_message = "The budget counts its own account's spend only, even in an organization's management account."
  }

  assert {
    condition     = length(aws_budgets_budget.this.notification) == 3
    error_message = "Actual 80%, actual 100% and forecast 100% alerts."
  }
}

run "fractional_amount_is_rejected" {
  command = plan

  variables {
    amount_usd = 10.5
  }

  expect_failures = [var.amount_usd]
}

run "no_recipient_is_rejected" {
  command = plan

  variables {
    emails = []
  }

  expect_failures = [var.emails]
}

run "malformed_account_is_rejected" {
  command = plan

  variables {
    account_id = "1111-2222-3333"
  }

  expect_failures = [var.account_id]
}
