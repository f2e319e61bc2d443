"""Azure's audit logs landing keylessly in an AWS control plane's log store (issue 18, item 3): the topology wires the
Logic App, the credential-free audience application and the receiver's Entra ID route together with the same tenant
and audience on both sides, hand-overs both ways in apply order, the landing as a use, and warnings for what stays.
The function's refusals of forged Entra ID tokens are tested in tests/test_audit_receiver.py."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

from mcai import findings
from mcai.pipeline import derive_all, generate
from mcai.topology.model import Expr

TENANT = "11111111-1111-1111-1111-111111111111"
AZURE_ONLY = f"""version: 1
name: acme
environment: prod
control_plane: aws
clouds:
  aws: {{account_id: "111122223333", region: us-east-1}}
  azure: {{subscription_id: 00000000-0000-0000-0000-000000000000, tenant_id: {TENANT}, location: eastus2,
          network: {{cidr: 10.20.0.0/16}}}}
models:
  gpt:
    provider: azure_openai
    model: gpt-5.1
    version: "2025-11-13"
    deployment: {{type: global_standard, tpm_thousands: 100}}
  claude: {{provider: bedrock, model: anthropic.claude-sonnet-4-6, inference_profile: us}}
audit: {{land_in: control_plane}}
"""


def test_production_pattern_lands_azure_through_the_receiver_s_second_route() -> None:
    vspec, topology, _ = generate(REPO / "examples" / "production-pattern.yaml")
    push, receiver, trail = (topology.call("azure", "audit_push"), topology.call("aws", "audit_receiver"),
                             topology.call("aws", "audit_trail"))
    assert push is not None and receiver is not None and trail is not None
    audience = push.inputs["identifier_uri"]
    assert audience.startswith(f"api://{TENANT}/")  # a form the tenant's default app policy admits
    azure_input = dict(receiver.inputs["azure"])
    assert azure_input.pop("principal_id").text.endswith(".audit_push_principal_id")  # handed over from azure
    assert azure_input == {"tenant_id": TENANT, "audience": audience}
    assert push.inputs["categories"] == ["Audit", "RequestResponse"]  # Azure OpenAI's audit categories
    assert push.inputs["workspace_id"] == Expr("module.foundation.log_analytics_workspace_id")
    assert push.inputs["receiver_endpoint"].text.endswith(".audit_receiver_azure_endpoint")
    assert trail.inputs["landing_writers"] == {"gcp/": Expr("module.audit_receiver.writer_role_arn"),
                                               "azure/": Expr("module.audit_receiver.writer_role_arn")}
    aws, azure = topology.stack("aws"), topology.stack("azure")
    assert aws.apply_order < azure.apply_order
    assert "azuread" in [p.name for p in azure.providers]  # the audience application
    # read from the other stack's state, null until it is applied (the hand-over variables: tests/test_bootstrap.py)
    reads = {r.stack: r.defaults for r in aws.remote_states} | {r.stack: r.defaults for r in azure.remote_states}
    assert reads["azure"]["audit_push_principal_id"] is None and reads["aws"]["audit_receiver_azure_endpoint"] is None
    assert {"audit_push_principal_id"} <= {o.name for o in azure.outputs}
    assert {"audit_receiver_azure_endpoint"} <= {o.name for o in aws.outputs}
    steps = [s for s in azure.manual_steps if s.startswith("Audit landing (Azure -> AWS log store)")]
    assert len(steps) == 1 and "refuses every Azure token" in steps[0] and audience in steps[0]
    assert not [f for f in findings.run(vspec, topology) if f.id == "audit-not-landed"]


def test_the_push_is_a_landing_use_of_the_logic_app_identity() -> None:
    from mcai.paths.model import LANDING

    _, topology, paths = derive_all(REPO / "examples" / "production-pattern.yaml")
    [path] = [p for p in paths if p.use.kind == LANDING and p.use.target_cloud == "azure"]
    push = topology.call("azure", "audit_push")
    assert push is not None
    assert path.use.workload == f"managed identity of Logic App {push.inputs['name']}"
    reader, token, api, function, writer = path.identity
    assert "Log Analytics Reader" in reader and "workspace only" in reader
    assert push.inputs["identifier_uri"] in token and "no password" in token
    assert "POST /push-azure only" in api and "object id" in function and "azure/" in writer
    assert path.works_after.startswith("manual step ") and "Audit landing (Azure -> AWS log store)" in path.works_after
    # one writer role serves both streams, and GCP's landing says so (a grant no broader than the report claims)
    [gcp] = [p for p in paths if p.use.kind == LANDING and p.use.target_cloud == "gcp"]
    assert "s3:PutObject under gcp/ and azure/ of" in gcp.identity[-1]


def test_without_gcp_there_is_no_receiver_and_the_warning_says_so(tmp_path: Path) -> None:
    spec = tmp_path / "azure-only.yaml"
    spec.write_text(AZURE_ONLY)
    vspec, topology, _ = generate(spec)
    assert topology.call("azure", "audit_push") is None and topology.call("aws", "audit_receiver") is None
    warnings = [f.message for f in findings.run(vspec, topology) if f.id == "audit-not-landed"]
    assert len(warnings) == 1 and "stay in its Log Analytics workspace" in warnings[0] and "receiver" in warnings[0]


def test_each_cloud_keeps_its_logs_and_nothing_is_pushed(tmp_path: Path) -> None:
    text = (REPO / "examples" / "production-pattern.yaml").read_text()
    assert "land_in: control_plane" in text
    spec = tmp_path / "each.yaml"
    spec.write_text(text.replace("land_in: control_plane", "land_in: each_cloud"))
    _, topology, tree = generate(spec)
    assert topology.call("azure", "audit_push") is None
    assert not any("azure-audit-push" in path for path in tree)
