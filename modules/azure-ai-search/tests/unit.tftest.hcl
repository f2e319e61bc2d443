mock_provider "azurerm" {
  mock_resource "azurerm_search_service" {
    defaults = {
      id       = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Search/searchServices/support-assistant-prod-help"
      identity = { principal_id = "44444444-4444-4444-4444-444444444444", tenant_id = "11111111-1111-1111-1111-111111111111" }
    }
  }
}

variables {
  name                = "support-assistant-prod-help"
  resource_group_name = "rg-support-assistant-prod"
  location            = "eastus2"
  private_endpoint = {
    subnet_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/private-endpoints"
    private_dns_zone_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.search.windows.net"
  }
  openai_account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/openai"
  documents = {
    account_id   = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stdocs"
    container_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stdocs/blobServices/default/containers/documents"
  }
  reader_principal_ids = { "inference-router" = "22222222-2222-2222-2222-222222222222" }
}

run "private_entra_only_service_with_exact_grants" {
  command = apply

  assert {
    condition     = !azurerm_search_service.this.local_authentication_enabled && azurerm_search_service.this.authentication_failure_mode == null
    error_message = "Entra ID only: API keys off (and no failure mode, which the provider refuses without local auth)."
  }

  assert {
    condition     = !azurerm_search_service.this.public_network_access_enabled && azurerm_search_service.this.identity[0].type == "SystemAssigned"
    error_message = "No public network access; a system-assigned identity for the indexer and the embedding calls."
  }

  assert {
    condition     = azurerm_search_service.this.sku == "standard2" && one(azurerm_private_endpoint.this.private_service_connection[0].subresource_names) == "searchService"
    error_message = "Default tier standard2 (skillsets over shared private links); the private endpoint targets searchService."
  }

  assert {
    condition     = azurerm_search_shared_private_link_service.openai.subresource_name == "openai_account" && azurerm_search_shared_private_link_service.blob.subresource_name == "blob"
    error_message = "Shared private links reach the OpenAI account and the documents' blob service."
  }

  assert {
    condition     = azurerm_role_assignment.openai_user.role_definition_name == "Cognitive Services OpenAI User" && azurerm_role_assignment.openai_user.scope == var.openai_account_id && azurerm_role_assignment.openai_user.principal_id == "44444444-4444-4444-4444-444444444444"
    error_message = "The service identity may call the OpenAI account (inference only), nothing more."
  }

  assert {
    condition     = azurerm_role_assignment.documents_reader.role_definition_name == "Storage Blob Data Reader" && azurerm_role_assignment.documents_reader.scope == var.documents.container_id
    error_message = "The service identity reads the documents container only, not the account."
  }

  assert {
    condition     = azurerm_role_assignment.readers["inference-router"].role_definition_name == "Search Index Data Reader" && azurerm_role_assignment.readers["inference-router"].scope == azurerm_search_service.this.id
    error_message = "Readers may only query, on this service only."
  }
}

run "names_fit_the_service_limits" {
  command = plan

  variables {
    name = "a-search-service-name-of-sixty-characters-the-longest-allows"
  }

  assert {
    condition     = length(var.name) == 60 && length(azurerm_search_shared_private_link_service.openai.name) <= 60 && length(azurerm_search_shared_private_link_service.blob.name) <= 60
    error_message = "Shared private link names stay within 60 characters whatever the service is called."
  }
}

run "refuses_a_tier_without_private_skillset_execution" {
  command = plan

  variables {
    sku = "basic"
  }

  expect_failures = [var.sku]
}
