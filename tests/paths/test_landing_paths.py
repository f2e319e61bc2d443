"""Audit landings are uses (issue 18): the principal that copies a cloud's audit logs into the control plane's log
store is no workload, yet its path is proven and shown like a workload's: who authenticates as whom (the trust's
exact condition), each grant with its scope, the network it crosses (stated), and the step from which it works."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO

from mcai.handoff.identities import workload_identities
from mcai.paths.landing import landing_paths
from mcai.paths.model import LANDING
from mcai.pipeline import derive_all, plan
from mcai.report import markdown
from mcai.topology.links_context import Additions
from mcai.topology.model import Landing

GCP_PRIMARY = REPO / "examples" / "gcp-primary.yaml"


@pytest.fixture(scope="module")
def derived():  # type: ignore[no-untyped-def]
    return derive_all(GCP_PRIMARY)


def test_the_aws_trail_copy_is_a_use_of_the_transfer_agent(derived) -> None:  # type: ignore[no-untyped-def]
    vspec, topology, paths = derived
    landings = [p for p in paths if p.use.kind == LANDING and p.use.target_cloud == "aws"]
    assert len(landings) == 1 and not landings[0].use.by_workload
    path = landings[0]
    trail = topology.call("aws", "audit_trail")
    store = topology.call("gcp", "audit_landing")
    assert trail is not None and store is not None
    role = store.inputs["aws_trails"]["aws"]["role_arn"]
    assert path.use.workload == "Storage Transfer Service agent of project acme-ai-prod"
    assert (path.use.target, path.use.target_cloud, path.use.spec_path) == ("aws", "aws", ("audit", "land_in"))
    agent, exchange, read, write = path.identity
    assert "project-123456789012@storage-transfer-service.iam.gserviceaccount.com" in agent and "no key" in agent
    # the trust's exact condition: this project's agent only, through the subject id the gcp stack hands over
    assert role in exchange and "accounts.google.com:sub" in exchange and "only" in exchange
    assert trail.inputs["google_transfer"]["role_name"] in role
    assert f"{trail.inputs['bucket_name']} under AWSLogs/{trail.inputs['account_id']}/*" in read
    assert write.endswith(f"on bucket {store.inputs['bucket_name']} only")
    assert path.network.kind == "public" and "TLS" in path.network.description
    assert path.network.dns_name == "sts.amazonaws.com, s3.us-east-1.amazonaws.com, storage.googleapis.com"
    # it works once the numbered step that hands the subject id to the aws stack is done, not at the first apply
    assert path.works_after.startswith("manual step ") and "Audit landing (AWS -> GCP log store)" in path.works_after
    assert "storagetransfer.googleapis.com" in path.prerequisites[0]
    assert all(api in topology.stack("gcp").google_apis for api in ("storage.googleapis.com",
                                                                     "storagetransfer.googleapis.com"))
    # a service's principal gets no Kubernetes identity or credential file
    assert path.use.workload not in {w.workload for w in workload_identities(vspec.spec, topology, paths)}


def test_the_report_lists_each_landing(tmp_path: Path) -> None:
    report = plan(GCP_PRIMARY, tmp_path / "out").report
    rows = [p for p in report.paths if p.uses == "landing aws"]
    assert len(rows) == 1 and rows[0].cloud == "aws" and rows[0].declared_at == "audit.land_in"
    text = markdown(report)
    assert "| Storage Transfer Service agent of project acme-ai-prod | landing aws" in text


def test_a_landing_recorded_by_any_stack_becomes_a_use(derived) -> None:  # type: ignore[no-untyped-def]
    """The extension point other landings use: a `Landing` appended to the additions of the stack holding the store
    becomes a use path, working after the later of the two stacks' applies when no numbered step gates it."""
    _, topology, _ = derived
    extra = Landing(source="gcp", source_cloud="gcp", principal="push service account p", logs="Cloud Audit Logs",
                    store="bucket b", identity=("hop 1", "hop 2"), network="public endpoints over TLS",
                    endpoints="sts.amazonaws.com")
    add = Additions()
    add.landings.append(extra)
    aws = topology.stack("aws")
    stacks = tuple(add.merge_into(s) if s.name == "aws" else s for s in topology.stacks)
    found = landing_paths(replace(topology, stacks=stacks))
    mine = [p for p in found if p.use.workload == "push service account p"]
    assert len(found) == len(topology.landings) + 1 and len(mine) == 1
    last = max(topology.stack("gcp"), aws, key=lambda s: s.apply_order)
    assert mine[0].works_after == f"apply of the {last.name} stack (stack {last.apply_order})"
    assert mine[0].identity == ("hop 1", "hop 2") and mine[0].use.what.startswith("the audit landing of stack 'gcp'")


def test_no_landing_where_each_cloud_keeps_its_logs(tmp_path: Path) -> None:
    spec = tmp_path / "gcp-primary.yaml"
    spec.write_text(GCP_PRIMARY.read_text().replace("land_in: control_plane", "land_in: each_cloud"))
    _, topology, paths = derive_all(spec)
    assert topology.landings == () and not [p for p in paths if p.use.kind == LANDING]
