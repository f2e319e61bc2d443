"""GCP's audit logs landing keylessly in an AWS control plane's log store (issue 18, item 3): the receiver's function
admits exactly the pusher service account (tested here by calling it with forged and valid API Gateway events), its
package is a deterministic zip of exactly the rendered source, and the topology wires sink, push, receiver, stream
and the bucket's one writer together with hand-overs in apply order."""

from __future__ import annotations

import ast
import base64
import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from conftest import GOLDEN, REPO

from mcai import findings
from mcai.pipeline import generate
from mcai.render.package import PACKAGE, lambda_zip
from mcai.topology.audit_receiver import MAX_DELIVERY_ATTEMPTS, REFUSED_SUFFIX
from mcai.topology.model import Expr

MODULE = REPO / "modules" / "aws-audit-receiver"
EMAIL = "audit-push-prod@acme-ai-prod.iam.gserviceaccount.com"
SUBSCRIPTION = "projects/acme-ai-prod/subscriptions/support-assistant-prod-audit-to-aws"
AUDIENCE = "mcai:audit-receiver:111122223333:support-assistant-prod"
TENANT, LOGIC_APP = "11111111-1111-1111-1111-111111111111", "22222222-3333-4444-5555-666666666666"
AZURE_AUDIENCE = f"api://{TENANT}/support-assistant-prod-audit-receiver"
ENV = {"AUDIENCE": AUDIENCE, "PUSHER_EMAIL": EMAIL, "PUSHER_SUBJECT": "", "SUBSCRIPTION": SUBSCRIPTION,
       "DELIVERY_STREAM": "support-assistant-prod-audit-receiver", "AZURE_TENANT": TENANT,
       "AZURE_AUDIENCE": AZURE_AUDIENCE, "AZURE_PRINCIPAL": LOGIC_APP,
       "AZURE_STREAM": "support-assistant-prod-audit-receiver-azure"}
ENTRY = {"logName": "projects/acme-ai-prod/logs/cloudaudit.googleapis.com%2Fdata_access",
         "protoPayload": {"serviceName": "bigquery.googleapis.com"}, "timestamp": "2026-12-02T08:00:00Z"}


class Firehose:
    def __init__(self) -> None:
        self.records: list[tuple[str, bytes]] = []

    def put_record(self, DeliveryStreamName: str, Record: dict) -> dict:
        self.records.append((DeliveryStreamName, Record["Data"]))
        return {"RecordId": "1"}

    def put_record_batch(self, DeliveryStreamName: str, Records: list[dict]) -> dict:
        assert len(Records) <= 500  # Firehose's limit per call
        self.records += [(DeliveryStreamName, record["Data"]) for record in Records]
        return {"FailedPutCount": 0, "RequestResponses": [{"RecordId": "1"}] * len(Records)}


@pytest.fixture
def handler(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("audit_receiver_handler", MODULE / "handler.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module._firehose = Firehose()  # the only AWS call; boto3 never reaches the network here
    return module


def event(claims: dict | None = None, entry: object = ENTRY, subscription: str = SUBSCRIPTION,
          base64_body: bool = False) -> dict:
    data = base64.b64encode(json.dumps(entry).encode()).decode()
    body = json.dumps({"message": {"data": data, "messageId": "7", "publishTime": "2026-12-02T08:00:01Z"},
                       "subscription": subscription})
    if base64_body:
        body = base64.b64encode(body.encode()).decode()
    token = {"iss": "https://accounts.google.com", "aud": AUDIENCE, "email": EMAIL, "email_verified": "true",
             "sub": "112233445566778899001", **(claims or {})}
    return {"requestContext": {"authorizer": {"jwt": {"claims": token}}}, "body": body,
            "isBase64Encoded": base64_body}


def test_the_pusher_s_entry_is_put_into_the_stream_as_one_json_line(handler: ModuleType) -> None:
    for base64_body in (False, True):
        assert handler.handler(event(base64_body=base64_body), None)["statusCode"] == 204
    assert [(stream, json.loads(data)) for stream, data in handler._firehose.records] == \
        [(ENV["DELIVERY_STREAM"], ENTRY)] * 2
    assert all(data.endswith(b"\n") and data.count(b"\n") == 1 for _, data in handler._firehose.records)


@pytest.mark.parametrize("forged", [
    {"email": "attacker@evil-project.iam.gserviceaccount.com"},  # any Google account can mint this audience
    {"email": EMAIL.upper()},
    {"email_verified": "false"},
    {"email_verified": None},
    {"aud": "https://some-other-receiver.example"},
    {"iss": "accounts.google.com.evil"},
    {"email": None},
], ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_a_token_of_anyone_else_is_refused_and_nothing_is_written(handler: ModuleType, forged: dict) -> None:
    assert handler.handler(event(forged), None)["statusCode"] == 403
    assert handler._firehose.records == []


def test_no_claims_at_all_is_refused(handler: ModuleType) -> None:
    assert handler.handler({"body": event()["body"]}, None)["statusCode"] == 403
    assert handler.handler({"requestContext": {"authorizer": None}, "body": "{}"}, None)["statusCode"] == 403
    assert handler._firehose.records == []


def test_once_handed_over_the_unique_id_is_pinned_too(handler: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUSHER_SUBJECT", "112233445566778899001")
    assert handler.handler(event({"sub": "999999999999999999999"}), None)["statusCode"] == 403  # re-created account
    assert handler.handler(event(), None)["statusCode"] == 204
    assert len(handler._firehose.records) == 1


def test_another_subscription_is_refused(handler: ModuleType) -> None:
    other = "projects/acme-ai-prod/subscriptions/someone-elses"
    assert handler.handler(event(subscription=other), None)["statusCode"] == 403
    assert handler._firehose.records == []


@pytest.mark.parametrize("body", ["not json", "[]", json.dumps({"subscription": SUBSCRIPTION}),
                                  json.dumps({"subscription": SUBSCRIPTION, "message": {"data": "%%%"}}),
                                  json.dumps({"subscription": SUBSCRIPTION,
                                              "message": {"data": base64.b64encode(b'"a string"').decode()}})])
def test_a_body_that_is_no_log_entry_is_refused(handler: ModuleType, body: str) -> None:
    forged = {**event(), "body": body}
    assert handler.handler(forged, None)["statusCode"] == 400
    assert handler._firehose.records == []


def test_a_failed_put_raises_so_pub_sub_retries(handler: ModuleType) -> None:
    class Down(Firehose):
        def put_record(self, DeliveryStreamName: str, Record: dict) -> dict:
            raise RuntimeError("ServiceUnavailableException")

    handler._firehose = Down()
    with pytest.raises(RuntimeError):
        handler.handler(event(), None)


# -- Azure's rows, posted by the Logic App ----------------------------------------------------------------------------
ROWS = [{"Category": "Audit", "OperationName": "ListKey", "_ItemId": "a1"},
        {"Category": "RequestResponse", "OperationName": "ChatCompletions_Create", "_ItemId": "a2"}]


def azure_event(claims: dict | None = None, rows: object = ROWS, route: str = "POST /push-azure") -> dict:
    token = {"iss": f"https://sts.windows.net/{TENANT}/", "aud": AZURE_AUDIENCE, "tid": TENANT, "oid": LOGIC_APP,
             "idtyp": "app", **(claims or {})}
    return {"routeKey": route, "requestContext": {"authorizer": {"jwt": {"claims": token}}},
            "body": json.dumps(rows), "isBase64Encoded": False}


def test_the_logic_app_s_rows_land_in_the_azure_stream_one_json_line_each(handler: ModuleType) -> None:
    assert handler.handler(azure_event(), None)["statusCode"] == 204
    assert [(stream, json.loads(data)) for stream, data in handler._firehose.records] == \
        [(ENV["AZURE_STREAM"], row) for row in ROWS]
    many = [{"_ItemId": str(i)} for i in range(1201)]  # more than one Firehose batch
    assert handler.handler(azure_event(rows=many), None)["statusCode"] == 204
    assert len(handler._firehose.records) == 2 + 1201


@pytest.mark.parametrize("forged", [
    {"oid": "99999999-9999-9999-9999-999999999999"},  # any identity of the tenant can get this audience
    {"oid": None},
    {"tid": "33333333-3333-3333-3333-333333333333"},
    {"iss": "https://sts.windows.net/33333333-3333-3333-3333-333333333333/"},  # another tenant's token
    {"iss": f"https://login.microsoftonline.com/{TENANT}/v2.0"},
    {"aud": "https://management.azure.com"},
    {"aud": AUDIENCE},  # the Google route's audience
], ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_an_azure_token_of_anyone_else_is_refused_and_nothing_is_written(handler: ModuleType, forged: dict) -> None:
    assert handler.handler(azure_event(forged), None)["statusCode"] == 403
    assert handler._firehose.records == []


def test_until_the_logic_app_s_object_id_is_handed_over_every_azure_token_is_refused(
        handler: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZURE_PRINCIPAL", "")
    assert handler.handler(azure_event({"oid": ""}), None)["statusCode"] == 403
    assert handler.handler(azure_event(), None)["statusCode"] == 403
    monkeypatch.setenv("AZURE_TENANT", "")
    monkeypatch.setenv("AZURE_PRINCIPAL", LOGIC_APP)
    assert handler.handler(azure_event({"tid": "", "iss": "https://sts.windows.net//"}), None)["statusCode"] == 403
    assert handler._firehose.records == []


def test_tokens_do_not_cross_routes(handler: ModuleType) -> None:
    """The Logic App's token on the Google route, and the pusher's token on the Azure route, are both refused."""
    assert handler.handler(azure_event(route="POST /push"), None)["statusCode"] == 403
    google = event()
    assert handler.handler({**google, "routeKey": "POST /push-azure"}, None)["statusCode"] == 403
    assert handler._firehose.records == []


@pytest.mark.parametrize("rows", [[], {"rows": ROWS}, ["a string"], "text"], ids=str)
def test_a_body_that_is_no_array_of_rows_is_refused(handler: ModuleType, rows: object) -> None:
    assert handler.handler(azure_event(rows=rows), None)["statusCode"] == 400
    assert handler._firehose.records == []


def test_a_failed_record_raises_so_the_logic_app_retries(handler: ModuleType) -> None:
    class Partial(Firehose):
        def put_record_batch(self, DeliveryStreamName: str, Records: list[dict]) -> dict:
            return {"FailedPutCount": 1, "RequestResponses": []}

    handler._firehose = Partial()
    with pytest.raises(RuntimeError):
        handler.handler(azure_event(), None)


def test_the_handler_is_small_and_needs_only_the_lambda_runtime() -> None:
    source = (MODULE / "handler.py").read_text()
    assert len(source.splitlines()) < 100
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported - set(sys.stdlib_module_names) == {"boto3"}, imported


# -- the package ----------------------------------------------------------------------------------------------------
def _entries(data: bytes) -> dict[str, tuple[bytes, zipfile.ZipInfo]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: (archive.read(info), info) for info in archive.infolist()}


def test_the_rendered_zip_holds_exactly_the_rendered_source() -> None:
    """What Lambda runs is what the reviewer reads: the stack's handler.zip holds handler.py byte for byte and
    nothing else, with a fixed timestamp and permissions, so its hash changes only with the source."""
    rendered = GOLDEN / "production-pattern" / "aws" / "modules" / "aws-audit-receiver"
    entries = _entries((rendered / PACKAGE).read_bytes())
    assert list(entries) == ["handler.py"]
    data, info = entries["handler.py"]
    assert data == (rendered / "handler.py").read_bytes() == (MODULE / "handler.py").read_bytes()
    assert info.date_time == (1980, 1, 1, 0, 0, 0) and info.external_attr >> 16 == 0o100644
    assert info.compress_type == zipfile.ZIP_STORED and not info.extra and not info.comment
    assert (MODULE / PACKAGE).read_bytes() == (rendered / PACKAGE).read_bytes(), \
        "the module's own package is stale; regenerate with: python tools/moduledocs.py"


def test_the_package_does_not_depend_on_input_order_or_the_clock() -> None:
    files = [("b.py", b"B"), ("a.py", b"A")]
    assert lambda_zip(files) == lambda_zip(list(reversed(files)))
    assert list(_entries(lambda_zip(files))) == ["a.py", "b.py"]


# -- the topology ---------------------------------------------------------------------------------------------------
def test_production_pattern_lands_gcp_in_the_trail_bucket_with_hand_overs_in_apply_order() -> None:
    vspec, topology, tree = generate(REPO / "examples" / "production-pattern.yaml")
    receiver, trail, logs = (topology.call("aws", "audit_receiver"), topology.call("aws", "audit_trail"),
                             topology.call("gcp", "audit_logs"))
    assert receiver and trail and logs
    landing = logs.inputs["aws_landing"]
    assert receiver.inputs["pusher_email"] == f"{landing['service_account_id']}@acme-ai-prod.iam.gserviceaccount.com"
    assert receiver.inputs["audience"] == landing["audience"]
    assert receiver.inputs["subscription"] == f"projects/acme-ai-prod/subscriptions/{landing['name']}"
    assert receiver.inputs["prefix"] == "gcp/"
    assert trail.inputs["landing_writers"]["gcp/"] == Expr("module.audit_receiver.writer_role_arn")
    aws = next(s for s in topology.workload_stacks if s.cloud == "aws")
    gcp = next(s for s in topology.workload_stacks if s.cloud == "gcp")
    assert aws.apply_order < gcp.apply_order
    reads = {r.stack: r.defaults for r in aws.remote_states} | {r.stack: r.defaults for r in gcp.remote_states}
    assert reads[gcp.name]["audit_pusher_unique_id"] is None and reads[aws.name]["audit_receiver_endpoint"] is None
    assert {"audit_receiver_endpoint"} <= {o.name for o in aws.outputs}
    assert {"audit_pusher_unique_id", "audit_pusher_email"} <= {o.name for o in gcp.outputs}
    assert {"pubsub.googleapis.com", "logging.googleapis.com", "iam.googleapis.com"} <= set(gcp.google_apis)
    assert any(step.startswith("Audit landing (GCP -> AWS") and "re-apply the aws stack" in step
               for step in gcp.manual_steps)
    assert not [f for f in findings.run(vspec, topology)
                if f.id == "audit-not-landed" and f.message.startswith("GCP's")]
    assert "Where the logs land: the control plane's store is the trail's bucket" in tree["README.md"].decode()


def _variant(tmp_path: Path, replace: dict[str, str]) -> Path:
    text = (REPO / "examples" / "production-pattern.yaml").read_text()
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "production-pattern.yaml"
    path.write_text(text)
    return path


def test_without_an_audited_google_api_the_admin_activity_logs_are_pushed_alone(tmp_path: Path) -> None:
    spec = _variant(tmp_path, {"  analytics: {cloud: gcp, kind: bigquery, used_by: [inference-router]}": "",
                               "    gcp: {bigquery: [analytics]}": ""})
    _, topology, tree = generate(spec)
    logs = topology.call("gcp", "audit_logs")
    assert logs is not None and logs.inputs["services"] == [] and "aws_landing" in logs.inputs
    assert topology.call("aws", "audit_receiver") is not None


def test_each_cloud_keeps_its_logs_and_no_receiver_is_built(tmp_path: Path) -> None:
    _, topology, tree = generate(_variant(tmp_path, {"land_in: control_plane": "land_in: each_cloud"}))
    assert topology.call("aws", "audit_receiver") is None
    assert "aws_landing" not in topology.call("gcp", "audit_logs").inputs
    assert "landing_writers" not in topology.call("aws", "audit_trail").inputs
    assert not any("aws-audit-receiver" in path for path in tree)


def test_the_push_is_a_landing_use_of_the_pusher_service_account() -> None:
    """The landing shows in the paths like a workload's use: the pusher, each grant with its scope, the stated
    network, and the numbered step after which it works (the push needs the receiver's endpoint)."""
    from mcai.paths.model import LANDING
    from mcai.pipeline import derive_all

    _, topology, paths = derive_all(REPO / "examples" / "production-pattern.yaml")
    landings = [p for p in paths if p.use.kind == LANDING and p.use.target_cloud == "gcp"]
    assert len(landings) == 1  # Azure's landing: tests/test_audit_receiver_azure.py
    path = landings[0]
    receiver = topology.call("aws", "audit_receiver")
    assert receiver is not None
    assert path.use.workload == f"Pub/Sub push service account {receiver.inputs['pusher_email']}"
    assert (path.use.target, path.use.target_cloud) == ("gcp", "gcp")
    sink, mint, api, function, writer = path.identity
    assert "roles/pubsub.publisher" in sink and "no key" in mint and receiver.inputs["audience"] in mint
    assert "POST /push only" in api and receiver.inputs["pusher_email"] in function and "gcp/" in writer
    assert path.works_after.startswith("manual step ") and "Audit landing (GCP -> AWS log store)" in path.works_after
    assert "pubsub.googleapis.com" in path.prerequisites[0]


def test_only_the_home_project_is_pushed_and_the_others_are_reported(tmp_path: Path) -> None:
    """With several GCP projects, the receiver admits the home project's one pusher; the other projects' logs stay
    in their Cloud Logging, each named in a located warning (not silently dropped)."""
    spec = tmp_path / "projects.yaml"
    spec.write_text("""version: 1
name: acme
environment: prod
control_plane: aws
clouds:
  aws: {account_id: "111122223333", region: us-east-1}
  gcp:
    home: shared
    accounts:
      shared: {project_id: acme-shared-prod, project_number: "123456789012", region: us-east4}
      ml: {project_id: acme-ml-prod, project_number: "223456789012", region: us-east4}
models:
  gemini: {account: ml, provider: vertex, model: gemini-2.5-pro}
  claude: {provider: bedrock, model: anthropic.claude-sonnet-4-6, inference_profile: us}
audit: {land_in: control_plane}
""")
    vspec, topology, _ = generate(spec)
    home = topology.stack("gcp-shared")
    pushed = [s.name for s in topology.workload_stacks
              for m in s.modules if m.label == "audit_logs" and "aws_landing" in m.inputs]
    assert pushed == ["gcp-shared"] and home.calls_by_label["audit_logs"].inputs["services"] == []
    receiver = topology.call("aws", "audit_receiver")
    assert receiver is not None and receiver.inputs["pusher_email"].endswith("@acme-shared-prod.iam.gserviceaccount.com")
    warnings = [f.message for f in findings.run(vspec, topology) if f.id == "audit-not-landed"]
    assert len(warnings) == 1 and "gcp-ml" in warnings[0] and "gcp-shared" not in warnings[0]


def test_a_module_that_runs_a_package_without_its_source_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    """Never a stack whose function package is silently missing: rendering stops when a module's Terraform names
    handler.zip but no source ships with it (a wheel that left the .py behind, say)."""
    from mcai import assets
    from mcai.render import _module_files

    bare = tmp_path / "modules" / "aws-audit-receiver"
    bare.mkdir(parents=True)
    for tf in MODULE.glob("*.tf"):
        (bare / tf.name).write_bytes(tf.read_bytes())
    monkeypatch.setattr(assets, "modules_dir", lambda: tmp_path / "modules")
    _module_files.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="ships no function source"):
            _module_files("aws-audit-receiver")
    finally:
        _module_files.cache_clear()


def test_refused_entries_are_dead_lettered_where_the_step_says_and_the_step_says_how_to_replay_them() -> None:
    """The module's dead-letter topic, pull subscription and attempt count are the ones the landing step names."""
    source = (REPO / "modules" / "gcp-audit-logs" / "main.export.tf").read_text()
    assert f"max_delivery_attempts = {MAX_DELIVERY_ATTEMPTS}\n" in source
    assert source.count(f'name    = "${{var.aws_landing.name}}{REFUSED_SUFFIX}"') == 1  # the topic
    assert source.count(f'name                       = "${{var.aws_landing.name}}{REFUSED_SUFFIX}"') == 1
    _, topology, _ = generate(REPO / "examples" / "production-pattern.yaml")
    logs = topology.call("gcp", "audit_logs")
    assert logs
    sink = logs.inputs["aws_landing"]["name"]
    step = next(s for s in next(s for s in topology.workload_stacks if s.cloud == "gcp").manual_steps
                if s.startswith("Audit landing (GCP -> AWS"))
    assert f"after {MAX_DELIVERY_ATTEMPTS} delivery attempts" in step
    assert f"pull subscription {sink}{REFUSED_SUFFIX}" in step
    assert f"gcloud pubsub topics publish {sink} --project=acme-ai-prod" in step
    assert f"gcloud pubsub subscriptions ack {sink}{REFUSED_SUFFIX}" in step
    addresses = {(r.type, r.address) for r in logs.resources}
    assert {("google_pubsub_topic", "aws_refused[0]"), ("google_pubsub_subscription", "aws_refused[0]"),
            ("google_pubsub_topic_iam_member", "pubsub_forwards_refused[0]"),
            ("google_pubsub_subscription_iam_member", "pubsub_removes_forwarded[0]")} <= addresses
