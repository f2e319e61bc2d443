"""Audit trail across clouds (issue 18): the gcp stack turns on Data Access audit logs (DATA_READ, DATA_WRITE) for
every Google API the estate's workloads call, Vertex AI and BigQuery, so each prediction and query names its caller;
the generated README says how to join the three clouds' logs and why no CloudTrail data-event selector is added."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

from mcai import findings
from mcai.pipeline import generate
from mcai.spec.gcp import BigQueryDataset, VertexModel


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_used_google_ai_or_data_api_has_data_access_logs(example: Path) -> None:
    vspec, topology, tree = generate(example)
    spec = vspec.spec
    wanted = ({"aiplatform.googleapis.com"} if any(isinstance(m, VertexModel) for m in spec.models.values())
              else set())
    wanted |= {"bigquery.googleapis.com"} if any(isinstance(d, BigQueryDataset) for d in spec.data.values()) else set()
    call = topology.call("gcp", "audit_logs")
    if not wanted:
        assert call is None
        return
    assert call is not None and set(call.inputs["services"]) == wanted
    assert 'module "audit_logs"' in tree["gcp/main.tf"].decode()
    assert "cloudresourcemanager.googleapis.com" in topology.stack("gcp").google_apis  # the API the config uses


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_readme_says_how_to_join_the_logs(example: Path) -> None:
    _, topology, tree = generate(example)
    readme = tree["README.md"].decode()
    if not topology.trust_edges:
        assert "## Audit trail" not in readme
        return
    section = readme.split("## Audit trail", 1)[1].split("\n## ", 1)[0]
    assert ("management event" in section) == (topology.call("aws", "bedrock") is not None)
    assert ("Data Access audit logs" in section) == (topology.call("gcp", "audit_logs") is not None)
    assert ("diagnostic setting" in section) == (topology.call("azure", "openai") is not None)
    # knowledge-base queries are CloudTrail data events: the README says which selector the trail needs
    assert ("AWS::Bedrock::KnowledgeBase" in section) == any(r.cloud == "aws" for r in topology.retrieval)
    # a routed estate propagates one correlation id and says where each log has it
    assert ("X-Correlation-Id" in section) == any(p.endswith("/mcai_correlation.py") for p in tree)
    assert "X-Correlation-Id" in section or "x-litellm-call-id" in section


# -- the estate's CloudTrail trail and where each cloud's audit logs land (`audit:`) ---------------------------------
def _variant(tmp_path: Path, example: str, replace: dict[str, str], extra: str = "") -> Path:
    text = (REPO / "examples" / example).read_text()
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / example
    path.write_text(text + extra)
    return path


def _audit_findings(spec: Path) -> list[str]:
    vspec, topology, _ = generate(spec)
    return [f.message for f in findings.run(vspec, topology) if f.id == "audit-not-landed"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_trail_exists_only_where_the_spec_declares_audit(example: Path) -> None:
    vspec, topology, tree = generate(example)
    spec = vspec.spec
    call = topology.call("aws", "audit_trail")
    if spec.audit is None or spec.clouds.aws is None:  # default: today's behaviour, no trail
        assert call is None
        assert not any(p.endswith("modules/aws-audit-trail/main.tf") for p in tree)
        return
    assert call is not None
    stack = next(s for s in topology.stacks if any(m is call for m in s.modules))
    assert call.inputs["account_id"] == stack.account and call.inputs["region"] == stack.provider_settings["region"]
    assert call.inputs["retention_days"] == spec.audit.retention_days
    kb = any(getattr(d, "kind", "") == "bedrock_knowledge_base" for d in spec.data.values())
    guarded = any(m.provider == "bedrock" and m.guardrail is not None for m in spec.models.values())
    assert ("AWS::Bedrock::KnowledgeBase" in call.inputs["bedrock_data_resource_types"]) == kb
    assert ("AWS::Bedrock::Guardrail" in call.inputs["bedrock_data_resource_types"]) == guarded
    assert (stack.name, "module.audit_trail.aws_s3_bucket.this") in topology.protected  # audit records stay
    assert f'trail `{call.inputs["trail_name"]}`' in tree["README.md"].decode()


def test_every_aws_account_gets_its_own_trail(tmp_path: Path) -> None:
    """A trail records its own account only: with several AWS accounts (Bedrock in the workloads account, the home
    being the network account), each account's stack has a trail and a bucket of its own, and a GCP control plane
    copies every one of them."""
    spec = _variant(tmp_path, "aws-accounts.yaml", {}, "\naudit: {land_in: each_cloud}\n")
    _, topology, _ = generate(spec)
    calls = {s.name: m for s in topology.workload_stacks for m in s.modules if m.label == "audit_trail"}
    assert sorted(calls) == sorted(s.name for s in topology.workload_stacks if s.cloud == "aws")
    assert len({c.inputs["bucket_name"] for c in calls.values()}) == len(calls) > 1
    assert {c.inputs["account_id"] for c in calls.values()} == {s.account for s in topology.workload_stacks
                                                               if s.cloud == "aws"}


def test_without_audit_nothing_changes(tmp_path: Path) -> None:
    """The opt-in is the whole switch: the same spec without `audit:` renders no trail and reports no landing."""
    spec = _variant(tmp_path, "production-pattern.yaml", {"audit:\n  land_in: control_plane\n  retention_days: 365\n": ""})
    _, topology, tree = generate(spec)
    assert topology.call("aws", "audit_trail") is None
    assert "## Audit trail" in tree["README.md"].decode() and "trail `" not in tree["README.md"].decode()
    assert _audit_findings(spec) == []


def test_each_cloud_keeps_its_logs_without_findings(tmp_path: Path) -> None:
    spec = _variant(tmp_path, "production-pattern.yaml", {"land_in: control_plane": "land_in: each_cloud"})
    _, topology, _ = generate(spec)
    assert topology.call("aws", "audit_trail") is not None
    assert _audit_findings(spec) == []


@pytest.mark.parametrize(("control_plane", "expected"), [
    ("aws", []),  # GCP's and Azure's logs land (tests/test_audit_receiver.py, tests/test_audit_receiver_azure.py)
    ("gcp", []),  # AWS's trail and Azure's diagnostic logs land (test below, tests/test_audit_azure_landing.py)
    ("azure", []),  # AWS's trail and GCP's logs land through Sentinel (tests/test_audit_sentinel.py)
])
def test_every_cloud_not_landed_in_the_control_plane_is_reported(tmp_path: Path, control_plane: str,
                                                                 expected: list[str]) -> None:
    """With `land_in: control_plane`, each other cloud gets one located warning naming the keyless path (or why
    there is none)."""
    text = (REPO / "examples" / "production-pattern.yaml").read_text()
    bootstrap = text[text.index("\nbootstrap:\n"):text.index("\n# The audit trail")]  # its roles are AWS roles
    spec = _variant(tmp_path, "production-pattern.yaml",
                    {"control_plane: aws": f"control_plane: {control_plane}", bootstrap: ""})
    found = _audit_findings(spec)
    assert [next(e for e in expected if m.startswith(e)) for m in found] == expected
    for message in found:
        assert "keyless" in message


def test_aws_trail_lands_in_a_gcp_control_plane_through_a_federated_role_only() -> None:
    """gcp-primary: the gcp stack's transfer job reads exactly the aws stack's trail bucket and prefix through the role
    the aws stack creates, and that role trusts the subject id the gcp stack hands over (no key on either side)."""
    vspec, topology, tree = generate(REPO / "examples" / "gcp-primary.yaml")
    trail, landing = topology.call("aws", "audit_trail"), topology.call("gcp", "audit_landing")
    assert trail is not None and landing is not None
    account = trail.inputs["account_id"]
    role = trail.inputs["google_transfer"]["role_name"]
    assert landing.inputs["aws_trails"] == {"aws": {"bucket_name": trail.inputs["bucket_name"],
                                                    "path": f"AWSLogs/{account}/",
                                                    "role_arn": f"arn:aws:iam::{account}:role/{role}"}}
    aws = next(s for s in topology.workload_stacks if s.cloud == "aws")
    gcp = next(s for s in topology.workload_stacks if s.cloud == "gcp")
    handed = {v.name: v.handover for v in aws.variables}
    assert handed["audit_transfer_subject_id"] == (gcp.name, "audit_transfer_subject_id")
    assert "audit_transfer_subject_id" in {o.name for o in gcp.outputs}
    assert gcp.apply_order > aws.apply_order and any("Audit landing" in step for step in gcp.manual_steps)
    assert "storagetransfer.googleapis.com" in gcp.google_apis
    main = tree["aws/main.tf"].decode()
    assert "subject_id = var.audit_transfer_subject_id" in main
    assert (gcp.name, "module.audit_landing.google_storage_bucket.this") in topology.protected
    assert not any(m.startswith("AWS's") for m in _audit_findings(REPO / "examples" / "gcp-primary.yaml"))
