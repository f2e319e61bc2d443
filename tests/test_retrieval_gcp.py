"""Vertex AI Vector Search retrieval stores (issue 19, GCP): the index takes the catalog's dimension, the endpoint is
reached through Private Service Connect only, readers may only query, the ingestion account reads the documents
prefix only, the queries and ingestion are uses with paths, and the node-hours are counted but never priced at $0.
Also: a workload outside AWS querying a Bedrock knowledge base is on the public endpoint (never "same-cloud").
Broken specs: tests/invalid/retrieval-query-no-identity.yaml, retrieval-vector-search-*.yaml."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import REPO

from mcai.cost import estimate_spec
from mcai.diagnostics import SpecError
from mcai.paths import derive_paths
from mcai.spec import parse_spec
from mcai.topology import derive

GCP_PRIMARY = (REPO / "examples" / "gcp-primary.yaml").read_text()


def _paths(text: str):  # type: ignore[no-untyped-def]
    vspec = parse_spec(text, "s.yaml")
    topology = derive(vspec)
    return topology, derive_paths(vspec, topology)


def test_index_takes_the_catalog_dimension_and_readers_only_query() -> None:
    topology, _ = _paths(GCP_PRIMARY)
    call = topology.call("gcp", "data_knowledge")
    assert call.module == "gcp-vector-search"
    assert call.inputs["dimensions"] == 768  # text-embedding-005's default, from the embedding catalog
    assert list(call.inputs["readers"]) == ["inference-router"]
    assert call.inputs["documents"]["prefix"] == "articles/"
    router = topology.call("gcp", "workload_inference_router")
    assert "roles/aiplatform.user" in router.inputs["project_roles"]  # for Gemini, not for the index
    assert not any("aiplatform.indexEndpoints" in r for r in router.inputs["project_roles"])


def test_query_is_a_psc_use_that_works_after_the_first_ingestion() -> None:
    topology, paths = _paths(GCP_PRIMARY)
    query = next(p for p in paths if p.use.kind == "data" and p.use.target == "knowledge")
    assert query.network.kind == "same-cloud" and "Private Service Connect consumer endpoint" in query.network.description
    assert "aiplatform.indexEndpoints.queryVectors only" in query.identity[-1]
    assert "Vector Search ingestion 'knowledge'" in query.works_after
    ingestion = next(p for p in paths if p.use.kind == "ingestion" and p.use.target == "knowledge")
    assert "objects under articles/ only" in ingestion.identity[1]
    steps = [s for _, _, s in topology.numbered_steps]
    assert any(s.startswith("Vector Search ingestion 'knowledge'") and "outputDimensionality 768" in s for s in steps)


BATCH = """  batch:
    runs_on: {cloud: aws, kind: eks, cluster: ai-batch, namespace: batch, service_account: batch,
              oidc_issuer: https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF}

models:"""


def _with_batch(grant: str) -> str:
    """gcp-primary plus a batch job on EKS that queries the Vector Search store with the given GCP grant."""
    text = GCP_PRIMARY.replace("\nmodels:", BATCH, 1)
    text = text.replace("used_by: [inference-router]\n\nidentity:", "used_by: [inference-router, batch]\n\nidentity:")
    return text.replace("identity:\n", f"identity:\n  batch:\n    gcp: {{grant: {grant}}}\n", 1)


def test_an_impersonating_workload_gets_the_query_grant_through_its_service_account() -> None:
    text = _with_batch("impersonation")
    text = text.replace("    region: us-east-1\n", "    region: us-east-1\n    network: {cidr: 10.10.0.0/16}\n", 1)
    assert text.count("\nlinks:\n") == 1, "gcp-primary has its links list: the AWS link joins it, first"
    text = text.replace("\nlinks:\n", "\nlinks:\n  - {between: [aws, gcp], via: ha_vpn}\n")
    topology, paths = _paths(text)
    assert set(topology.call("gcp", "data_knowledge").inputs["readers"]) == {"inference-router", "batch"}
    query = next(p for p in paths if p.use.workload == "batch" and p.use.target == "knowledge")
    assert "queryVectors only" in query.identity[-1] and "held by service account" in query.identity[-1]
    assert query.network.kind == "private-link" and "links[0]" in query.network.description


def test_a_direct_grant_workload_cannot_query_the_index() -> None:
    with pytest.raises(SpecError) as err:
        _paths(_with_batch("direct"))
    messages = [d.message for d in err.value.diagnostics]
    assert any("direct grants cover Vertex AI and BigQuery only" in m for m in messages), messages


def test_node_hours_are_counted_and_left_unpriced_never_zero() -> None:
    est = estimate_spec(parse_spec(GCP_PRIMARY, "s.yaml"))
    nodes = est.line("data.knowledge.nodes")
    assert nodes.cloud == "gcp" and nodes.status == "price_not_found" and nodes.cost is None
    assert nodes.quantity.low == Decimal(730) and nodes.quantity.high == Decimal(1460)  # 1 to 2 replicas


def test_a_gke_workload_queries_a_bedrock_knowledge_base_over_the_public_endpoint_only_with_a_reason() -> None:
    text = GCP_PRIMARY.replace("""  support-docs:""", """  help-docs: {cloud: aws, kind: s3, used_by: []}
  help-kb:
    cloud: aws
    kind: bedrock_knowledge_base
    documents: help-docs
    embedding: {model: amazon.titan-embed-text-v2:0}
    used_by: [inference-router]
  support-docs:""")
    with pytest.raises(SpecError) as err:  # no reason given: it was wrongly "same-cloud" before
        _paths(text)
    assert any("help-kb" in d.message and "public internet" in d.message for d in err.value.diagnostics)
    allowed = text.replace("      claude: last-resort", "      help-kb: no private path into AWS yet\n      claude: last-resort")
    _, paths = _paths(allowed)
    query = next(p for p in paths if p.use.target == "help-kb" and p.use.kind == "data")
    assert query.network.kind == "public" and query.network.dns_name == "bedrock-agent-runtime.us-east-1.amazonaws.com"
