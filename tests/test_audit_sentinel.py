"""Audit landing into an Azure control plane (issue 18): with `audit: {land_in: control_plane}` and Azure the control
plane, Microsoft Sentinel on the azure stack's Log Analytics workspace reads each AWS account's CloudTrail files
through its Amazon Web Services S3 connector, keylessly: the AWS side trusts Sentinel's issuer and audience for this
workspace's session names only, and the two stacks hand each other the workspace id and the role's ARN."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

from mcai import findings
from mcai.pipeline import generate
from mcai.topology.audit_sentinel import SENTINEL_AUDIENCE, SENTINEL_ISSUER

EXAMPLE = REPO / "examples" / "azure-primary.yaml"


def _stacks(topology):
    aws = next(s for s in topology.workload_stacks if s.cloud == "aws")
    azure = next(s for s in topology.workload_stacks if s.cloud == "azure")
    return aws, azure


def test_the_trail_lands_in_sentinel_through_an_oidc_role_for_this_workspace_only() -> None:
    vspec, topology, tree = generate(EXAMPLE)
    aws, azure = _stacks(topology)
    trail, oidc = topology.call("aws", "audit_trail"), topology.call("aws", "sentinel_oidc")
    assert trail is not None and oidc is not None
    assert oidc.module == "aws-oidc-provider"
    assert oidc.inputs == {"issuer_url": SENTINEL_ISSUER, "audience": SENTINEL_AUDIENCE}
    sentinel = trail.inputs["sentinel"]
    assert sentinel["role_name"].startswith("OIDC_")  # the connector refuses any other role name
    assert sentinel["audience"] == SENTINEL_AUDIENCE and sentinel["oidc_provider_arn"].text == "module.sentinel_oidc.arn"
    # the connector on the azure side names exactly the queue and role the aws side creates
    foundation = topology.call("azure", "foundation")
    assert foundation is not None
    account, region = trail.inputs["account_id"], trail.inputs["region"]
    connectors = foundation.inputs["sentinel"]["aws_s3"]
    assert list(connectors) == [f"aws-cloudtrail-{account}"]
    assert connectors[f"aws-cloudtrail-{account}"]["sqs_url"] == \
        f"https://sqs.{region}.amazonaws.com/{account}/{sentinel['queue_name']}"
    # hand-overs both ways: the workspace id into the role's trust, the role's ARN into the connector
    outputs = {o.name: o.value.text for o in azure.outputs}
    assert outputs["audit_sentinel_workspace_id"] == "module.foundation.log_analytics_customer_id"
    assert {o.name: o.value.text for o in aws.outputs}["audit_sentinel_role_arn"] == \
        "module.audit_trail.sentinel_role_arn"
    main_aws, main_azure = tree["aws/main.tf"].decode(), tree["azure/main.tf"].decode()
    assert "workspace_id      = data.terraform_remote_state.azure.outputs.audit_sentinel_workspace_id" in main_aws
    assert "role_arn = data.terraform_remote_state.aws.outputs.audit_sentinel_role_arn" in main_azure
    assert azure.apply_order > aws.apply_order
    steps = "\n".join(azure.manual_steps)
    assert "re-apply the aws stack" in steps and "Content hub" in steps
    assert any("EntityAlreadyExists" in s for s in aws.manual_steps)  # Defender for Cloud's provider, if any
    resources = {(r.type, r.address) for r in foundation.resources}
    assert ("azurerm_sentinel_data_connector_aws_s3", f'this["aws-cloudtrail-{account}"]') in resources
    assert "connector `aws-cloudtrail-" in tree["README.md"].decode()


def test_the_module_trusts_the_workspace_session_names_and_nothing_wider() -> None:
    """The role's trust, as the module renders it: the audience on the issuer's key, and the two session names
    Sentinel uses, each carrying the workspace id (a wildcard would admit every Sentinel workspace)."""
    text = (REPO / "modules" / "aws-audit-trail" / "main.sentinel.tf").read_text()
    assert '"MicrosoftSentinel_${var.sentinel.workspace_id}"' in text
    assert '"MicrosoftDefenderForClouds_${var.sentinel.workspace_id}"' in text
    assert "StringLike" not in text and "*_" not in text


def test_neither_aws_nor_gcp_is_reported_not_landed() -> None:
    vspec, topology, _ = generate(EXAMPLE)
    assert [f for f in findings.run(vspec, topology) if f.id == "audit-not-landed"] == []


def test_without_landing_the_workspace_has_no_sentinel(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("audit: {land_in: control_plane}", "audit: {land_in: each_cloud}")
    spec = tmp_path / "azure-primary.yaml"
    spec.write_text(text)
    _, topology, tree = generate(spec)
    assert topology.call("aws", "sentinel_oidc") is None
    assert "sentinel" not in topology.call("aws", "audit_trail").inputs
    assert "sentinel" not in topology.call("azure", "foundation").inputs
    assert "sentinel" not in tree["azure/main.tf"].decode().lower()


def test_two_specs_landing_from_one_aws_account_are_told_apart(tmp_path: Path) -> None:
    """IAM holds one OIDC provider per issuer in an account: two specs landing the same account's trail in Sentinel
    would both create Sentinel's, and the estate check says so at `audit.land_in` (the existing check, reused)."""
    from typer.testing import CliRunner

    from mcai.cli.app import app

    text = EXAMPLE.read_text()
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "b.yaml").write_text(text.replace("name: support-assistant", "name: support-bot"))
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if SENTINEL_ISSUER in ln]
    assert len(lines) == 2 and all("audit.land_in: an IAM OIDC provider exists once per account and issuer" in ln
                                   for ln in lines)


def test_every_aws_account_gets_its_own_connector_role_and_queue(tmp_path: Path) -> None:
    """Named AWS accounts: a trail per account (existing), so one queue, provider and role per account and one
    connector per account on the workspace, each with its own hand-over."""
    text = (REPO / "examples" / "aws-accounts.yaml").read_text()
    text = text.replace("control_plane: aws", "control_plane: azure").replace("clouds:\n  aws:", (
        "clouds:\n  azure:\n    subscription_id: 00000000-0000-0000-0000-000000000000\n"
        "    tenant_id: 11111111-1111-1111-1111-111111111111\n    location: eastus2\n"
        "    network: {cidr: 10.20.0.0/16}\n  aws:"))
    text = text[:text.index("\nbootstrap:")] + "\naudit: {land_in: control_plane}\n" + text[text.index("\nusage:"):]
    spec = tmp_path / "accounts.yaml"
    spec.write_text(text)
    _, topology, tree = generate(spec)
    connectors = topology.call("azure", "foundation").inputs["sentinel"]["aws_s3"]
    assert {k: v["role_arn"].text for k, v in connectors.items()} == {
        "aws-cloudtrail-111111111111": "var.aws_network_audit_sentinel_role_arn",
        "aws-cloudtrail-222222222222": "var.aws_workloads_audit_sentinel_role_arn"}
    azure = next(s for s in topology.workload_stacks if s.cloud == "azure")
    assert {v.name: v.handover for v in azure.variables if v.handover} == {
        "aws_network_audit_sentinel_role_arn": ("aws-network", "audit_sentinel_role_arn"),
        "aws_workloads_audit_sentinel_role_arn": ("aws-workloads", "audit_sentinel_role_arn")}
    for name in ("aws-network", "aws-workloads"):
        assert 'module "sentinel_oidc"' in tree[f"{name}/main.tf"].decode()
        assert "workspace_id      = var.audit_sentinel_workspace_id" in tree[f"{name}/main.tf"].decode()


def test_each_sentinel_landing_is_a_use_path_of_the_connector() -> None:
    _, topology, _ = generate(EXAMPLE)
    landings = [lnd for lnd in topology.landings if lnd.source_cloud == "aws"]
    trail = topology.call("aws", "audit_trail")
    assert [lnd.source for lnd in landings] == ["aws"]
    (landing,) = landings
    assert trail.inputs["sentinel"]["role_name"] in landing.identity[1] and "of this workspace only" in landing.identity[1]
    assert f"AWSLogs/{trail.inputs['account_id']}/CloudTrail/*" in landing.identity[2]
    azure = next(s for s in topology.workload_stacks if s.cloud == "azure")
    assert any(step.startswith(landing.step) for step in azure.manual_steps)  # works after that numbered step


def test_gcp_logs_are_pulled_by_sentinel_through_a_pool_for_its_app_only() -> None:
    """The gcp stack's audit module gets the sink, pull subscription, pool, provider and account; the azure stack
    gets the codeless connector's request body (azurerm has no resource for it) naming exactly those."""
    import json

    from mcai.topology.audit_sentinel_gcp import CONNECTOR_FILE, GCP_AUDIENCE, GCP_ISSUER

    vspec, topology, tree = generate(EXAMPLE)
    spec = vspec.spec
    logs = topology.call("gcp", "audit_logs")
    landing = logs.inputs["sentinel_landing"]
    assert landing["pool_id"] == spec.clouds.azure.tenant_id.replace("-", "")  # how the connector finds the pool
    assert (landing["issuer"], landing["audience"]) == (GCP_ISSUER, GCP_AUDIENCE)
    body = json.loads(tree[f"azure/{CONNECTOR_FILE}"])
    assert body["kind"] == "GCP" and body["properties"]["connectorDefinitionName"] == "GCPAuditLogsDefinition"
    assert body["properties"]["auth"] == {
        "serviceAccountEmail": f"{landing['service_account_id']}@{spec.clouds.gcp.project_id}.iam.gserviceaccount.com",
        "projectNumber": spec.clouds.gcp.project_number, "workloadIdentityProviderId": landing["provider_id"]}
    assert body["properties"]["request"] == {"projectId": spec.clouds.gcp.project_id,
                                             "subscriptionNames": [landing["name"]]}
    gcp = next(s for s in topology.workload_stacks if s.cloud == "gcp")
    assert {"pubsub.googleapis.com", "sts.googleapis.com", "iamcredentials.googleapis.com"} <= set(gcp.google_apis)
    # the step creating the connector follows the gcp stack's own step (numbered steps run in apply order)
    steps = [step.split(":")[0] for step in gcp.manual_steps if step.startswith("Audit landing")]
    assert steps == ["Audit landing (GCP -> Microsoft Sentinel)", "Audit landing (GCP -> Microsoft Sentinel in the azure stack)"]
    assert CONNECTOR_FILE in gcp.manual_steps[-1] and "az rest --method put" in gcp.manual_steps[-1]
    pulled = [lnd for lnd in topology.landings if lnd.source_cloud == "gcp"]
    assert len(pulled) == 1 and "GCPAuditLogs" in pulled[0].store
    assert "GCPAuditLogs" in tree["README.md"].decode()


def test_gcp_alone_still_puts_sentinel_on_the_workspace(tmp_path: Path) -> None:
    """Without AWS, Sentinel is onboarded for GCP's landing alone (no S3 connector)."""
    import re

    text = EXAMPLE.read_text()
    text = re.sub(r"\n  aws:\n(    .*\n)+", "\n", text)  # drop the AWS cloud and what needs it
    text = text.replace("  claude:\n    provider: bedrock\n    model: anthropic.claude-sonnet-4-6\n"
                        "    inference_profile: us\n", "").replace("chain: [gpt51, claude]", "chain: [gpt51]")
    text = text[:text.index("\nlinks:")] + "\naudit: {land_in: control_plane}\n" + \
        text[text.index("\n# The control plane's bootstrap"):]
    spec = tmp_path / "no-aws.yaml"
    spec.write_text(text)
    _, topology, _ = generate(spec)
    foundation = topology.call("azure", "foundation")
    assert foundation.inputs["sentinel"] == {"aws_s3": {}}
    assert ("azurerm_sentinel_log_analytics_workspace_onboarding", "this[0]") in \
        {(r.type, r.address) for r in foundation.resources}
