"""The Google Cloud slice: spec formats mcai enforces itself, the derived `gcp/` stack, and the promise that nothing
rendered ever carries a service-account key or a primitive role."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, GOLDEN, REPO

from mcai import catalog
from mcai.diagnostics import SpecError
from mcai.pipeline import generate
from mcai.render import render
from mcai.spec import parse_spec
from mcai.topology import derive

FORBIDDEN = re.compile(r"google_service_account_key|roles/(owner|editor|viewer)\b")

BASE = {
    "version": 1, "name": "estate", "environment": "prod", "control_plane": "gcp",
    "clouds": {"aws": {"account_id": "111122223333", "region": "us-east-1"},
               "gcp": {"project_id": "acme-ai-prod", "project_number": "123456789012", "region": "us-east4"}},
    "workloads": {"router": {"runs_on": {"cloud": "aws", "kind": "eks", "cluster": "ai", "namespace": "router",
                                         "service_account": "router"}}},
    "models": {"gemini": {"provider": "vertex", "model": "gemini-2.5-pro"}},
    "routing": {"router": "router", "chain": ["gemini"]},
}


def spec(**changes: object) -> str:
    data = {**BASE, **changes}
    return yaml.safe_dump(data, sort_keys=False)


def messages(text: str) -> list[str]:
    with pytest.raises(SpecError) as err:
        derive(parse_spec(text, "spec.yaml"))
    return [d.message for d in err.value.diagnostics]


def gcp_stack(text: str):  # type: ignore[no-untyped-def]
    return derive(parse_spec(text, "spec.yaml")).stack("gcp")


# -- acceptance: no keys, no primitive roles, anywhere --------------------------------------------------------------

def test_no_rendered_file_has_a_key_or_primitive_role() -> None:
    """Every example's rendered tree (and its golden on disk) is free of SA keys and owner/editor/viewer grants."""
    scanned_gcp = 0
    for example in EXAMPLES:
        files = dict(generate(example)[2].files)
        golden = GOLDEN / example.stem
        files |= {str(p): p.read_bytes() for p in golden.rglob("*") if p.is_file()}
        for path, data in files.items():
            hit = FORBIDDEN.search(data.decode("utf-8", "replace"))
            assert hit is None, f"{example.name}: {path} contains {hit.group(0)!r}"
            scanned_gcp += "google_service_account" in data.decode("utf-8", "replace")
    assert scanned_gcp, "no example renders a GCP service account: the scan would prove nothing"


def test_the_scan_catches_what_it_forbids() -> None:
    assert FORBIDDEN.search('resource "google_service_account_key" "k" {}')
    assert FORBIDDEN.search('role = "roles/editor"')
    assert not FORBIDDEN.search('role = "roles/aiplatform.user"')


def test_bundled_gcp_modules_never_mention_keys_or_primitive_roles() -> None:
    for tf in (REPO / "modules").glob("gcp-*/*.tf"):
        assert not FORBIDDEN.search(tf.read_text()), tf


# -- spec formats ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("project_id", "ok"), [
    ("abcdef", True), ("a" * 30, True), ("abcde", False), ("a" * 31, False), ("acme-ai-", False),
    ("1acme-ai", False), ("acme_ai_prod", False)])
def test_project_id_format(project_id: str, ok: bool) -> None:
    clouds = {**BASE["clouds"], "gcp": {**BASE["clouds"]["gcp"], "project_id": project_id}}  # type: ignore[index]
    text = spec(clouds=clouds)
    if ok:
        assert gcp_stack(text).account == project_id
    else:
        assert any("must be a GCP project id" in m for m in messages(text))


def test_label_rules_reject_rather_than_rewrite() -> None:
    ok = spec(tags={"k" * 63: "v" * 63, "cost-center": "ai_123"})
    assert gcp_stack(ok)
    found = messages(spec(tags={"k" * 64: "ok", "owner": "v" * 64, "Team": "x"}))
    assert len(found) == 3
    assert all("every tag becomes a label on GCP resources" in m for m in found)


def test_tags_need_not_be_labels_without_gcp() -> None:
    clouds = {"aws": BASE["clouds"]["aws"]}  # type: ignore[index]
    text = spec(clouds=clouds, control_plane="aws", models={}, routing=None, tags={"Owner": "Platform Team"})
    assert derive(parse_spec(text, "spec.yaml")).stacks[0].cloud == "aws"


def test_vertex_regions_table_is_dated_and_well_formed() -> None:
    table = catalog.load("vertex_regions")
    assert table["source"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", table["as_of"])
    regions = table["regions"]
    assert len(regions) == len(set(regions)) and "us-east4" in regions and "global" not in regions
    assert all(re.fullmatch(r"[a-z]+-[a-z]+\d{1,2}", r) for r in regions)


def test_long_default_psc_name_asks_for_endpoint_name() -> None:
    clouds = {**BASE["clouds"], "gcp": {**BASE["clouds"]["gcp"],  # type: ignore[index]
                                        "private_google_apis": {"address": "10.31.255.254"}}}
    found = messages(spec(clouds=clouds, name="support-assistant-eu"))
    assert found == [("the default endpoint name 'supportassistanteuprod' is 22 characters; Private Service Connect "
                      "endpoints for Google APIs allow 1-20 lowercase letters and digits: set 'endpoint_name'")]


# -- the derived stack ----------------------------------------------------------------------------------------------

def test_publisher_model_needs_only_apis_and_a_role() -> None:
    stack = gcp_stack(spec())
    # APIs, the caller's service account, and Data Access audit logs for its predictions: nothing else
    assert [m.module for m in stack.modules] == ["gcp-project-services", "gcp-workload-sa", "gcp-audit-logs"]
    services = stack.modules[0].inputs["services"]
    assert "aiplatform.googleapis.com" in services and "compute.googleapis.com" not in services
    assert stack.modules[0].inputs["disable_on_destroy"] is False
    assert stack.modules[1].inputs["project_roles"] == ["roles/aiplatform.user"]


def test_workload_that_uses_nothing_on_gcp_gets_no_service_account() -> None:
    text = spec(routing=None)
    stack = gcp_stack(text)
    assert "gcp-workload-sa" not in stack.module_names
    assert "iam.googleapis.com" not in stack.modules[0].inputs["services"]


def test_service_account_id_falls_back_to_workload_and_environment() -> None:
    workloads = {"inference-router": BASE["workloads"]["router"]}  # type: ignore[index]
    text = spec(name="support-assistant", workloads=workloads,
                routing={"router": "inference-router", "chain": ["gemini"]})
    call = next(m for m in gcp_stack(text).modules if m.module == "gcp-workload-sa")
    assert call.inputs["account_id"] == "inference-router-prod"


def test_service_account_id_that_cannot_fit_is_reported() -> None:
    key = "a-very-long-workload-name-for-gcp"
    workloads = {key: BASE["workloads"]["router"]}  # type: ignore[index]
    text = spec(workloads=workloads, routing={"router": key, "chain": ["gemini"]})
    assert messages(text) == [(f"derived service account id '{key}-prod' is 38 characters; the cloud allows 6-30 "
                               "(shorten 'name', 'environment' or this key)")]


def test_endpoint_logging_and_psc_render_and_tags_become_default_labels() -> None:
    example = REPO / "examples" / "gcp-vertex.yaml"
    _, topology, tree = generate(example)
    main = tree["gcp/main.tf"].decode()
    assert 'output_uri    = "bq://${module.data_analytics.project}.${module.data_analytics.dataset_id}.' in main
    assert "enable_secure_private_service_connect" not in main
    providers = tree["gcp/providers.tf"].decode()
    assert 'default_labels = {\n    cost-center = "ai-123"' in providers
    stack = topology.stack("gcp")
    assert {"compute.googleapis.com", "dns.googleapis.com"} <= set(stack.modules[0].inputs["services"])
    assert stack.provider_settings == {"project": "acme-ai-prod", "region": "us-east4"}


def test_gcp_stack_renders_byte_stably() -> None:
    text = (REPO / "examples" / "gcp-vertex.yaml").read_text()
    first = render(derive(parse_spec(text, "gcp-vertex.yaml")), "gcp-vertex.yaml")
    second = render(derive(parse_spec(text, "gcp-vertex.yaml")), "gcp-vertex.yaml")
    assert dict(first.files) == dict(second.files)
    assert Path("gcp/modules/gcp-vertex-endpoints/main.tf").as_posix() in first


def test_bigquery_users_can_run_jobs_and_read_sessions_in_the_project() -> None:
    """A dataset role covers the data only: without roles/bigquery.jobUser (bigquery.jobs.create) a query or load job
    fails, and without roles/bigquery.readSessionUser so does the Storage Read API. Both go to every BigQuery user,
    on the service account it impersonates or on the federated principal itself (direct grants)."""
    from mcai.pipeline import derive_all

    _, topology, paths = derive_all(REPO / "examples" / "production-pattern.yaml")
    sa = next(m for m in topology.stack("gcp").modules if m.label == "workload_inference_router")
    assert sa.inputs["project_roles"] == ["roles/bigquery.jobUser", "roles/bigquery.readSessionUser"]
    analytics = next(p for p in paths if p.use.target == "analytics")
    assert any(h.startswith("roles/bigquery.jobUser on project acme-ai-prod") for h in analytics.identity)
    _, federation, _ = derive_all(REPO / "examples" / "identity-federation.yaml")
    direct = next(m for m in federation.stack("gcp").modules if m.module == "gcp-workload-identity")
    assert {"roles/bigquery.jobUser", "roles/bigquery.readSessionUser"} <= set(
        direct.inputs["direct_grants"]["project_roles"])
