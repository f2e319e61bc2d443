"""Retrieval stores (issue 19): the Bedrock knowledge base from the spec, its grants, its provider floor, its paths,
its cost lines and its row in the report. The broken specs live in tests/invalid/retrieval-*.yaml."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from mcai import findings
from mcai.cli.app import app
from mcai.cost import estimate_spec
from mcai.diagnostics import SpecError
from mcai.paths import derive_paths
from mcai.spec import parse_spec
from mcai.topology import derive

KB = REPO / "examples" / "aws-knowledge-base.yaml"
PRODUCTION = REPO / "examples" / "production-pattern.yaml"


def _derive(text: str):  # type: ignore[no-untyped-def]
    vspec = parse_spec(text, "s.yaml")
    return vspec, derive(vspec)


def _t(value) -> str:  # type: ignore[no-untyped-def]
    return value.text if hasattr(value, "text") else str(value)


def _aws(topology):  # type: ignore[no-untyped-def]
    return next(s for s in topology.workload_stacks if s.cloud == "aws")


def _statements(topology, workload: str):  # type: ignore[no-untyped-def]
    return {s["sid"]: s for s in topology.call("aws", f"workload_{workload}").inputs["statements"]}


def test_s3_vectors_raise_the_aws_floor_and_say_why() -> None:
    _, topology = _derive(KB.read_text())
    (aws,) = _aws(topology).providers
    assert aws.version == ">= 6.27, < 7.0"
    assert "s3_vectors_configuration is new in aws 6.27.0" in aws.min_version_marker
    _, production = _derive(PRODUCTION.read_text())  # OpenSearch Serverless keeps the usual floor
    assert _aws(production).providers[0].version == ">= 5.100, < 7.0"


def test_the_floor_reason_names_outbound_federation_too() -> None:
    text = (REPO / "examples" / "identity-federation.yaml").read_text().replace("data:\n", """data:
  articles: {cloud: aws, kind: s3}
  help-kb:
    cloud: aws
    kind: bedrock_knowledge_base
    documents: articles
    embedding: {model: amazon.titan-embed-text-v2:0}
""", 1)
    _, topology = _derive(text)
    marker = _aws(topology).providers[0].min_version_marker
    assert "6.27" in marker and "aws_iam_outbound_web_identity_federation" in marker


def test_workload_may_retrieve_from_that_knowledge_base_only() -> None:
    _, topology = _derive(KB.read_text())
    retrieve = _statements(topology, "inference_router")["RetrieveHelpKb"]
    assert retrieve["actions"] == ["bedrock:Retrieve", "bedrock:RetrieveAndGenerate"]
    assert [_t(r) for r in retrieve["resources"]] == ["module.data_help_kb.knowledge_base_arn"]
    assert "ReadArticles" not in _statements(topology, "inference_router")  # used_by: [] on the documents


def test_knowledge_base_id_is_a_root_output_and_ingestion_a_numbered_step() -> None:
    _, topology = _derive(KB.read_text())
    aws = _aws(topology)
    assert "data_help_kb_knowledge_base_id" in {o.name for o in aws.outputs}
    assert any("start-ingestion-job" in step for step in aws.manual_steps)


def test_ingestion_role_is_scoped_to_the_prefix_and_model() -> None:
    _, topology = _derive(KB.read_text())
    call = topology.call("aws", "data_help_kb")
    assert call.inputs["documents"]["prefix"] == "published/"
    assert call.inputs["embedding"] == {"model_id": "amazon.titan-embed-text-v2:0", "dimensions": 1024}
    assert _t(call.inputs["documents"]["bucket_arn"]) == "module.data_articles.bucket_arn"


def test_default_dimension_comes_from_the_catalog() -> None:
    _, topology = _derive(KB.read_text().replace(", dimensions: 1024}", "}"))
    assert topology.call("aws", "data_help_kb").inputs["embedding"]["dimensions"] == 1024


def test_opensearch_knowledge_base_waits_for_its_index_step() -> None:
    _, topology = _derive(PRODUCTION.read_text())
    aws = _aws(topology)
    call = topology.call("aws", "data_knowledge")
    assert call.module == "aws-knowledge-base-opensearch" and _t(call.inputs["index_ready"]) == \
        "var.data_knowledge_index_ready"
    ready = next(v for v in aws.variables if v.name == "data_knowledge_index_ready")
    assert ready.default is False and not ready.required
    steps = [s for s in aws.manual_steps if s.startswith("Knowledge base vector index 'knowledge'")]
    assert steps and "dimension 1024" in steps[0] and "data_knowledge_index_ready = true" in steps[0]
    collection = topology.call("aws", "data_vectors")
    assert "module.data_knowledge.ingestion_role_arn" in [_t(p) for p in collection.inputs["principal_arns"]]
    assert collection.inputs["allowed_services"] == ["bedrock.amazonaws.com"]
    # the grant is a list that stays empty until the knowledge base exists
    retrieve = _statements(topology, "inference_router")["RetrieveKnowledge"]
    assert _t(retrieve["resources"]) == "module.data_knowledge.knowledge_base_arns"


def test_query_and_ingestion_are_uses_with_paths() -> None:
    vspec, topology = _derive(KB.read_text())
    paths = {(p.use.kind, p.use.target): p for p in derive_paths(vspec, topology)}
    query = paths[("data", "help-kb")]
    assert "RetrieveHelpKb: bedrock:Retrieve, bedrock:RetrieveAndGenerate" in query.identity[1]
    assert query.network.dns_name == "bedrock-agent-runtime.us-east-1.amazonaws.com"
    assert "Knowledge base ingestion 'help-kb'" in query.works_after
    ingestion = paths[("ingestion", "help-kb")]
    assert "help-center-prod-help-kb-ingestion" in ingestion.identity[0]
    assert any("'articles' published/* only" in hop for hop in ingestion.identity)


def test_private_bedrock_gets_an_agent_runtime_endpoint_for_queries() -> None:
    text = KB.read_text().replace("      client_security_group_ids: [sg-0a1b2c3d4e5f67893]\n",
                                  "      client_security_group_ids: [sg-0a1b2c3d4e5f67893]\n    bedrock: {private: true}\n")
    vspec, topology = _derive(text)
    bedrock = topology.call("aws", "bedrock")
    assert bedrock.inputs["runtime_endpoint"]["agent_runtime"] is True
    query = next(p for p in derive_paths(vspec, topology) if p.use.target == "help-kb" and p.use.kind == "data")
    assert "bedrock-agent-runtime (PrivateLink)" in query.network.description


ACKNOWLEDGED = """
  corpus: {cloud: gcp, kind: gcs, size_gb: 800}
  landing: {cloud: aws, kind: s3, used_by: []}
  help-kb:
    cloud: aws
    kind: bedrock_knowledge_base
    documents: corpus
    landing: landing
    embedding: {model: amazon.titan-embed-text-v2:0}
acknowledgements:
  - {id: retrieval-away-from-documents, path: data.help-kb.documents, reason: the corpus moves to GCP next quarter}
"""


def _acknowledged() -> str:
    text = KB.read_text()
    head = text.split("\ndata:\n")[0].replace(
        "clouds:\n", 'clouds:\n  gcp: {project_id: acme-ai-prod, project_number: "123456789012", region: us-east4}\n')
    return head + "\ndata:" + ACKNOWLEDGED


def test_acknowledged_move_renders_reads_the_landing_store_and_prices_the_copy() -> None:
    vspec, topology = _derive(_acknowledged())
    call = topology.call("aws", "data_help_kb")
    assert _t(call.inputs["documents"]["bucket_arn"]) == "module.data_landing.bucket_arn"
    assert any("copy them into the S3 store 'landing'" in s for s in _aws(topology).manual_steps)
    est = estimate_spec(vspec)
    move = est.line("egress.retrieval.help-kb.once")
    assert move.quantity.low == Decimal(800) and move.route == ("gcp", "aws", "internet") and move.cost is not None
    (f,) = [f for f in findings.run(vspec, topology, est) if f.id == "retrieval-away-from-documents"]
    assert f.spec_path == "data.help-kb.documents" and "one-time to copy the corpus" in f.message
    assert not f.gates  # acknowledged


def test_cross_cloud_documents_without_acknowledgement_is_refused_at_the_documents_line() -> None:
    text = _acknowledged().split("acknowledgements:")[0]
    with pytest.raises(SpecError) as err:
        parse_spec(text, "s.yaml")
    (problem,) = err.value.diagnostics
    assert problem.path == ("data", "help-kb", "documents") and "retrieval-away-from-documents" in problem.message


def test_unlisted_embedding_model_needs_its_dimensions() -> None:
    text = KB.read_text().replace("embedding: {model: amazon.titan-embed-text-v2:0, dimensions: 1024}",
                                  "embedding: {model: amazon.nova-2-multimodal-embeddings-v1:0, unlisted: true}")
    with pytest.raises(SpecError) as err:
        parse_spec(text, "s.yaml")
    assert err.value.diagnostics[0].path == ("data", "help-kb", "embedding", "dimensions")
    _, topology = _derive(text.replace("unlisted: true}", "unlisted: true, dimensions: 3072}"))
    assert topology.call("aws", "data_help_kb").inputs["embedding"]["dimensions"] == 3072


def test_cost_lines_follow_the_corpus_and_the_queries() -> None:
    est = estimate_spec(parse_spec(KB.read_text(), "s.yaml"))
    once = est.line("data.help-kb.embedding.once")
    assert once.recurrence == "one_time" and once.quantity.low == Decimal(10000)  # million tokens
    assert once.cost.low == Decimal(200)  # 10,000 M tokens x $0.02 (Titan Text Embeddings V2, genai-prices)
    assert est.line("data.help-kb.embedding").recurrence == "monthly"  # reembeds_per_month: 1
    storage = est.line("data.help-kb.vectors.storage")
    # 10e9 tokens / (300 x 0.8) = 41.67M vectors x (1024 x 4 + 300 x 4) bytes = 220.67 GB
    assert storage.quantity.low == Decimal("220.67") and storage.price.id == "store.s3_vectors.storage"
    queries = est.line("data.help-kb.vectors.query")
    assert queries.quantity.low == Decimal(2) and queries.cost.low == Decimal("5.00")  # usage.requests_per_month


def test_without_a_corpus_the_store_is_priced_per_unit_never_guessed() -> None:
    lines = [ln for ln in KB.read_text().splitlines(keepends=True) if "corpus:" not in ln]
    est = estimate_spec(parse_spec("".join(lines), "s.yaml"))
    assert est.line("data.help-kb.embedding.once").status == "depends_on_usage"
    assert est.line("data.help-kb.vectors.storage").status == "depends_on_usage"
    assert est.line("data.help-kb.embedding") is None  # no re-embedding declared


def test_report_lists_each_store_with_documents_model_index_readers_and_cost(tmp_path: Path) -> None:
    def run(fmt: str) -> str:
        result = CliRunner().invoke(app, ["plan", _t(KB), "--dry-run", "--format", fmt, "-o", _t(tmp_path / "o")])
        assert result.exit_code == 0, result.output
        return result.stdout

    (row,) = json.loads(run("json"))["retrieval"]
    assert row["documents"] == "articles (aws)" and row["embedding_model"] == "amazon.titan-embed-text-v2:0"
    assert row["dimensions"] == 1024 and row["index"] == "S3 Vectors index, cosine"
    assert row["readers"] == ["inference-router"] and row["unpriced"] == 0
    assert Decimal(row["monthly_cost_usd"]["low"]) > 0 and Decimal(row["one_time_cost_usd"]["low"]) > 0
    assert "| help-kb (Bedrock knowledge base, aws) | articles (aws) |" in run("markdown")
    assert "Retrieval stores" in run("table")


def test_prefix_cannot_widen_the_ingestion_role_with_a_wildcard() -> None:
    with pytest.raises(SpecError) as err:
        parse_spec(KB.read_text().replace("prefix: published/", "prefix: pub*/"), "s.yaml")
    assert err.value.diagnostics[0].path == ("data", "help-kb", "prefix")
