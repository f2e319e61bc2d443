mock_provider "azurerm" {
  mock_resource "azurerm_logic_app_workflow" {
    defaults = {
      id       = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.Logic/workflows/support-assistant-prod-audit-push"
      identity = { principal_id = "22222222-3333-4444-5555-666666666666", tenant_id = "11111111-1111-1111-1111-111111111111" }
    }
  }
}

mock_provider "azuread" {}

variables {
  name                  = "support-assistant-prod-audit-push"
  resource_group_name   = "rg-support-assistant-prod"
  location              = "eastus2"
  workspace_id          = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-support-assistant-prod/providers/Microsoft.OperationalInsights/workspaces/log-support-assistant-prod"
  workspace_customer_id = "33333333-4444-5555-6666-777777777777"
  categories            = ["Audit", "RequestResponse"]
  application_name      = "support-assistant-prod-audit-receiver"
  identifier_uri        = "api://11111111-1111-1111-1111-111111111111/support-assistant-prod-audit-receiver"
  receiver_endpoint     = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/push-azure"
}

run "the_identity_reads_one_workspace_and_the_audience_application_has_no_credential" {
  command = apply

  assert {
    condition     = azurerm_role_assignment.reads_the_workspace.role_definition_name == "Log Analytics Reader" && azurerm_role_assignment.reads_the_workspace.scope == var.workspace_id && azurerm_role_assignment.reads_the_workspace.principal_id == "22222222-3333-4444-5555-666666666666"
    error_message = "The workflow's identity reads exactly the stack's workspace."
  }

  assert {
    condition     = azuread_application.receiver.identifier_uris == toset(["api://11111111-1111-1111-1111-111111111111/support-assistant-prod-audit-receiver"]) && length(azuread_application.receiver.password) == 0 && azuread_service_principal.receiver.client_id == azuread_application.receiver.client_id
    error_message = "The application only names the audience: no password, one identifier URI, a service principal so tokens can be issued."
  }

  assert {
    condition     = output.principal_id == "22222222-3333-4444-5555-666666666666"
    error_message = "The identity's object id is handed to the aws stack."
  }
}

run "windows_tile_and_batches_stay_under_the_receiver_s_limit" {
  command = apply

  assert {
    condition     = azurerm_logic_app_trigger_recurrence.every_interval.frequency == "Minute" && azurerm_logic_app_trigger_recurrence.every_interval.interval == 15
    error_message = "The workflow runs every 15 minutes by default."
  }

  assert {
    condition = alltrue([for part in [
      "let end = todatetime('@{trigger().scheduledTime}');", "let start = end - 15m;",
      "| where ingestion_time() >= start and ingestion_time() < end", "| where Category in ('Audit', 'RequestResponse')",
      "| extend Batch = row_cumsum(tolong(estimate_data_size(*))) / 1000000",
    ] : strcontains(jsondecode(azurerm_logic_app_action_custom.query[0].body).inputs.body.query, part)])
    error_message = "The query selects rows ingested in [run - interval, run) of the shipped categories, in batches of about 1 MB."
  }

  assert {
    condition     = jsondecode(azurerm_logic_app_action_custom.query[0].body).inputs.authentication == { type = "ManagedServiceIdentity", audience = "https://api.loganalytics.io" } && jsondecode(azurerm_logic_app_action_custom.query[0].body).inputs.uri == "https://api.loganalytics.io/v1/workspaces/33333333-4444-5555-6666-777777777777/query"
    error_message = "The query runs as the workflow's identity against the Log Analytics Query API."
  }

  assert {
    condition     = jsondecode(azurerm_logic_app_action_custom.post_batches[0].body).actions.post.inputs.authentication == { type = "ManagedServiceIdentity", audience = "api://11111111-1111-1111-1111-111111111111/support-assistant-prod-audit-receiver" } && jsondecode(azurerm_logic_app_action_custom.post_batches[0].body).actions.post.inputs.uri == var.receiver_endpoint
    error_message = "Each batch is posted to the receiver with a token for the application's identifier URI, no secret."
  }

  assert {
    condition     = jsondecode(azurerm_logic_app_action_custom.post_batches[0].body).runAfter == { query = ["Succeeded"] } && jsondecode(azurerm_logic_app_action_custom.post_batches[0].body).runtimeConfiguration.concurrency.repetitions == 1
    error_message = "Batches are posted one after the other, after the query succeeded."
  }

  assert {
    condition     = jsondecode(azurerm_logic_app_action_custom.post_batches[0].body).foreach == "@body('query')['tables'][0]['rows']" && jsondecode(azurerm_logic_app_action_custom.post_batches[0].body).actions.post.inputs.body == "@json(item()[1])"
    error_message = "One POST per result row (a batch), whose body is the batch's rows (the Query API returns a dynamic column as a JSON string)."
  }
}

run "nothing_is_shipped_until_the_receiver_s_url_is_handed_over" {
  command = apply

  variables {
    receiver_endpoint = null
  }

  assert {
    condition     = length(azurerm_logic_app_action_custom.query) == 0 && length(azurerm_logic_app_action_custom.post_batches) == 0
    error_message = "Without the receiver's URL the workflow has no action."
  }
}

run "a_foreign_endpoint_an_unrestricted_audience_or_a_long_interval_is_rejected" {
  command = plan

  variables {
    receiver_endpoint = "https://collector.example.com/push"
    identifier_uri    = "https://contoso.com/receiver"
    interval_minutes  = 60
  }

  expect_failures = [var.receiver_endpoint, var.identifier_uri, var.interval_minutes]
}
