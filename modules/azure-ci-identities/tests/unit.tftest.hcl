mock_provider "azurerm" {}

variables {
  resource_group_name = "rg-acme-ai-prod-ci"
  location            = "eastus2"
  subscription_id     = "00000000-0000-0000-0000-000000000000"
  ci_identities = {
    plan = {
      name    = "id-acme-ai-prod-ci-plan"
      access  = "plan"
      issuer  = "https://token.actions.githubusercontent.com"
      subject = "repo:acme/ai-platform:ref:refs/heads/main"
      roles   = ["Reader"]
    }
    apply = {
      name    = "id-acme-ai-prod-ci-apply"
      access  = "apply"
      issuer  = "https://gitlab.com"
      subject = "project_path:acme/platform/ai:ref_type:branch:ref:main"
      roles   = []
    }
  }
}

run "each_identity_trusts_one_exact_subject" {
  command = plan

  assert {
    condition     = azurerm_federated_identity_credential.ci["plan"].subject == "repo:acme/ai-platform:ref:refs/heads/main" && one(azurerm_federated_identity_credential.ci["plan"].audience) == "api://AzureADTokenExchange"
    error_message = "The GitHub identity must pin the exact subject and the token-exchange audience."
  }

  assert {
    condition     = azurerm_federated_identity_credential.ci["apply"].issuer == "https://gitlab.com"
    error_message = "The GitLab identity must trust GitLab's issuer."
  }

  assert {
    condition     = keys(azurerm_role_assignment.ci) == ["plan Reader"] && azurerm_role_assignment.ci["plan Reader"].scope == "/subscriptions/00000000-0000-0000-0000-000000000000"
    error_message = "Only the listed roles are assigned, on the subscription: the apply identity lists none, so it gets none."
  }
}

run "owner_is_refused" {
  command = plan

  variables {
    ci_identities = {
      apply = {
        name    = "id-acme-ai-prod-ci-apply"
        access  = "apply"
        issuer  = "https://token.actions.githubusercontent.com"
        subject = "repo:acme/ai-platform:environment:production"
        roles   = ["Owner"]
      }
    }
  }

  expect_failures = [var.ci_identities]
}
