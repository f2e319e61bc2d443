"""Audit trail across clouds (issue 18): the gcp stack turns on Data Access audit logs (DATA_READ, DATA_WRITE) for
every Google API the estate's workloads call, Vertex AI and BigQuery, so each prediction and query names its caller;
the generated README says how to join the three clouds' logs and why no CloudTrail data-event selector is added."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES

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
