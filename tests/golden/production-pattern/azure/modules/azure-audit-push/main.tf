# Azure's audit rows pushed, keylessly, to an AWS control plane's audit receiver. A Logic App (Consumption) runs every
# interval with a system-assigned identity: it queries the stack's Log Analytics workspace (Log Analytics Reader on
# that workspace only; token audience https://api.loganalytics.io) for the rows ingested in [run - interval, run),
# so consecutive windows tile without gap or overlap, cut into batches well under the receiver's 6 MB limit, and
# posts each batch with a token of the same identity for the identifier URI of an Entra ID application created here.
# The application has no password, certificate or federated credential: it only names the audience. Any identity of
# the tenant can get a token for it, so the receiver pins this identity's object id. No key, secret or SAS.

locals {
  # Late rows are not lost: the window is on ingestion time, not on the time a row was generated (bounded to two
  # days before, which only narrows the scan). Batch numbers come from the running byte estimate of ordered rows.
  query = join("\n", [
    "let end = todatetime('@{trigger().scheduledTime}');",
    "let start = end - ${var.interval_minutes}m;",
    "AzureDiagnostics",
    "| where TimeGenerated between ((start - 2d) .. end)",
    "| where ingestion_time() >= start and ingestion_time() < end",
    "| where Category in (${join(", ", [for c in var.categories : "'${c}'"])})",
    "| extend IngestedAt = ingestion_time()",
    "| order by IngestedAt asc, _ItemId asc",
    "| extend Batch = row_cumsum(tolong(estimate_data_size(*))) / ${var.batch_bytes}",
    "| summarize Rows = make_list(pack_all()) by Batch",
    "| order by Batch asc",
  ])
}

resource "azuread_application" "receiver" {
  display_name     = var.application_name
  identifier_uris  = [var.identifier_uri]
  sign_in_audience = "AzureADMyOrg"
  notes            = "Audience of the tokens Logic App ${var.name} posts Azure's audit rows with to the AWS audit receiver (managed by mcai). No credential."
}

# Entra ID issues tokens only for an audience whose service principal exists in the tenant.
resource "azuread_service_principal" "receiver" {
  client_id = azuread_application.receiver.client_id
}

resource "azurerm_logic_app_workflow" "this" {
  name                = var.name
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "reads_the_workspace" {
  scope                = var.workspace_id
  role_definition_name = "Log Analytics Reader"
  principal_id         = azurerm_logic_app_workflow.this.identity[0].principal_id
  principal_type       = "ServicePrincipal"
  description          = "Logic App ${var.name} reads the audit rows it ships to the AWS control plane (managed by mcai)"
}

resource "azurerm_logic_app_trigger_recurrence" "every_interval" {
  name         = "every-${var.interval_minutes}-minutes"
  logic_app_id = azurerm_logic_app_workflow.this.id
  frequency    = "Minute"
  interval     = var.interval_minutes
}

# No action until the receiver's URL is handed over: until then each run ends at once and ships nothing.
resource "azurerm_logic_app_action_custom" "query" {
  count = var.receiver_endpoint == null ? 0 : 1

  name         = "query"
  logic_app_id = azurerm_logic_app_workflow.this.id
  body = jsonencode({
    type     = "Http"
    runAfter = {}
    inputs = {
      method         = "POST"
      uri            = "https://api.loganalytics.io/v1/workspaces/${var.workspace_customer_id}/query"
      headers        = { "Content-Type" = "application/json" }
      body           = { query = local.query }
      authentication = { type = "ManagedServiceIdentity", audience = "https://api.loganalytics.io" }
    }
  })

  depends_on = [azurerm_role_assignment.reads_the_workspace]
}

# One POST per batch, in order. A refused or failed POST fails the run (the run history shows the window); the HTTP
# action's default retry policy retries 5xx and 429 first.
resource "azurerm_logic_app_action_custom" "post_batches" {
  count = var.receiver_endpoint == null ? 0 : 1

  name         = "post-batches"
  logic_app_id = azurerm_logic_app_workflow.this.id
  body = jsonencode({
    type                 = "Foreach"
    foreach              = "@body('query')['tables'][0]['rows']" # the Query API always answers table PrimaryResult
    runAfter             = { (azurerm_logic_app_action_custom.query[0].name) = ["Succeeded"] }
    runtimeConfiguration = { concurrency = { repetitions = 1 } }
    actions = {
      post = {
        type     = "Http"
        runAfter = {}
        inputs = {
          method         = "POST"
          uri            = var.receiver_endpoint
          headers        = { "Content-Type" = "application/json" }
          body           = "@json(item()[1])" # the Query API returns a dynamic column as a JSON string
          authentication = { type = "ManagedServiceIdentity", audience = one(azuread_application.receiver.identifier_uris) }
        }
      }
    }
  })
}
