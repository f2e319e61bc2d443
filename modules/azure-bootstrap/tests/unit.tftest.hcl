mock_provider "azurerm" {}

variables {
  resource_group_name  = "rg-acme-ai-prod-tfstate"
  location             = "eastus2"
  subscription_id      = "00000000-0000-0000-0000-000000000000"
  storage_account_name = "stacmeaiprodtfstate"
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

run "state_account_takes_entra_id_only_and_keeps_versions" {
  command = plan

  assert {
    condition     = !azurerm_storage_account.state.shared_access_key_enabled && azurerm_storage_account.state.default_to_oauth_authentication
    error_message = "Shared keys must be off: state is reached with Entra ID tokens only."
  }

  assert {
    condition     = azurerm_storage_account.state.blob_properties[0].versioning_enabled
    error_message = "State blobs must be versioned."
  }

  assert {
    condition     = azurerm_storage_container.state.container_access_type == "private"
    error_message = "The state container is private."
  }
}

run "each_identity_trusts_one_exact_subject" {
  command = plan

  assert {
    condition     = azurerm_federated_identity_credential.ci["apply"].subject == "project_path:acme/platform/ai:ref_type:branch:ref:main" && one(azurerm_federated_identity_credential.ci["apply"].audience) == "api://AzureADTokenExchange"
    error_message = "The credential admits one subject with the token-exchange audience."
  }

  assert {
    condition     = length(azurerm_role_assignment.ci) == 1 && azurerm_role_assignment.ci["plan Reader"].role_definition_name == "Reader"
    error_message = "Only the listed roles are granted in the subscription."
  }

  assert {
    condition     = azurerm_role_assignment.state["plan"].role_definition_name == "Storage Blob Data Contributor"
    error_message = "Every identity reaches the state container (a plan takes the lease)."
  }
}

run "refuses_a_wildcard_subject" {
  command = plan

  variables {
    ci_identities = {
      any = { name = "x", access = "plan", issuer = "https://gitlab.com", subject = "project_path:acme/*", roles = [] }
    }
  }

  expect_failures = [var.ci_identities]
}
