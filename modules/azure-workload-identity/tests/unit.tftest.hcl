mock_provider "azurerm" {}

variables {
  name                = "id-estate-prod-router"
  resource_group_name = "rg-estate-prod"
  location            = "eastus2"
  federated_credentials = [
    {
      name    = "router-eks-oidc"
      issuer  = "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
      subject = "system:serviceaccount:router:router"
    },
    {
      name    = "router-dr"
      issuer  = "https://oidc.eks.us-west-2.amazonaws.com/id/FEDCBA9876543210FEDCBA9876543210"
      subject = "system:serviceaccount:router:router"
    },
  ]
  role_assignments = {
    openai = {
      scope                = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-estate-prod/providers/Microsoft.CognitiveServices/accounts/estate-prod-openai"
      role_definition_name = "Cognitive Services OpenAI User"
    }
  }
}

run "credentials_trust_exactly_the_workload_token" {
  command = plan

  assert {
    condition     = azurerm_federated_identity_credential.primary.subject == "system:serviceaccount:router:router"
    error_message = "The first credential must pin the service account subject."
  }

  assert {
    condition     = one(azurerm_federated_identity_credential.primary.audience) == "api://AzureADTokenExchange"
    error_message = "The one audience must be api://AzureADTokenExchange."
  }

  assert {
    condition     = keys(azurerm_federated_identity_credential.additional) == ["router-dr"]
    error_message = "Credentials after the first are keyed by name."
  }

  assert {
    condition     = one(azurerm_federated_identity_credential.additional["router-dr"].audience) == "api://AzureADTokenExchange"
    error_message = "Every credential carries the one audience."
  }

  assert {
    condition     = azurerm_role_assignment.this["openai"].role_definition_name == "Cognitive Services OpenAI User"
    error_message = "The role must be exactly the one given."
  }
}

run "twenty_one_credentials_are_refused" {
  command = plan

  variables {
    federated_credentials = [for i in range(21) : {
      name    = "cred-${i}"
      issuer  = "https://issuer-${i}.example.com"
      subject = "system:serviceaccount:router:router"
    }]
  }

  expect_failures = [var.federated_credentials]
}

run "duplicate_issuer_and_subject_is_refused" {
  command = plan

  variables {
    federated_credentials = [
      { name = "one", issuer = "https://issuer.example.com", subject = "s" },
      { name = "two", issuer = "https://issuer.example.com", subject = "s" },
    ]
  }

  expect_failures = [var.federated_credentials]
}

run "wildcard_subject_is_refused" {
  command = plan

  variables {
    federated_credentials = [{ name = "one", issuer = "https://issuer.example.com", subject = "system:serviceaccount:router:*" }]
  }

  expect_failures = [var.federated_credentials]
}

run "subscription_scope_is_refused" {
  command = plan

  variables {
    role_assignments = {
      too_wide = { scope = "/subscriptions/00000000-0000-0000-0000-000000000000", role_definition_name = "Cognitive Services OpenAI User" }
    }
  }

  expect_failures = [var.role_assignments]
}
