"""Azure AI Search retrieval stores (issue 19, Azure): an Entra-only, private documents container and search service,
integrated vectorization over shared private links with exact grants, data-plane definitions shipped as keyless JSON
files applied by numbered steps after the links are approved, query and ingestion uses with paths, and search units
counted but never priced at $0. Broken specs: tests/invalid/retrieval-azure-search*.yaml."""

from __future__ import annotations

import json

from conftest import REPO

from mcai.cost import estimate_spec
from mcai.paths import derive_paths
from mcai.render import render
from mcai.spec import parse_spec
from mcai.topology import derive

AZURE_PRIMARY = (REPO / "examples" / "azure-primary.yaml").read_text()


def _derive(text: str):  # type: ignore[no-untyped-def]
    vspec = parse_spec(text, "s.yaml")
    topology = derive(vspec)
    return vspec, topology, derive_paths(vspec, topology)


def _definitions(text: str) -> dict[str, dict]:  # type: ignore[type-arg]
    _, topology, _ = _derive(text)
    tree = render(topology, "s.yaml")
    return {p.rsplit("/", 1)[1][:-5]: json.loads(tree[p]) for p in tree if p.startswith("azure/search/knowledge/")}


def test_search_service_is_wired_to_its_documents_deployment_and_readers() -> None:
    _, topology, _ = _derive(AZURE_PRIMARY)
    search = topology.call("azure", "data_knowledge")
    assert search.module == "azure-ai-search" and search.inputs["sku"] == "standard2"
    assert search.inputs["documents"]["container_id"].text == "module.data_help_articles.container_id"
    assert search.inputs["openai_account_id"].text == "module.openai.account_id"
    assert list(search.inputs["reader_principal_ids"]) == ["inference-router"]
    foundation = topology.call("azure", "foundation")
    assert {"privatelink.search.windows.net", "privatelink.blob.core.windows.net"} <= set(
        foundation.inputs["private_dns_zones"])
    azure = topology.stack("azure")
    assert {"Microsoft.Search", "Microsoft.Storage"} <= set(azure.provider_settings["resource_providers"])
    assert azure.provider_settings["storage_use_azuread"] is True  # the documents account has shared keys off


def test_definitions_are_keyless_and_match_the_embedding() -> None:
    d = _definitions(AZURE_PRIMARY)
    assert sorted(d) == ["datasource", "index", "indexer", "skillset"]
    text = json.dumps(d).lower()
    assert "apikey" not in text and "accountkey" not in text and "sharedaccesssignature" not in text
    assert d["datasource"]["credentials"]["connectionString"].startswith("ResourceId=/subscriptions/")
    assert d["datasource"]["container"] == {"name": "documents", "query": "published"}
    vector = next(f for f in d["index"]["fields"] if f["name"] == "text_vector")
    embed = next(s for s in d["skillset"]["skills"] if s["@odata.type"].endswith("AzureOpenAIEmbeddingSkill"))
    assert vector["dimensions"] == embed["dimensions"] == 1536
    assert embed["deploymentId"] == "embeddings" and embed["resourceUri"].endswith(".openai.azure.com")
    vectorizer = d["index"]["vectorSearch"]["vectorizers"][0]["azureOpenAIParameters"]
    assert vectorizer["deploymentId"] == "embeddings" and "apiKey" not in vectorizer
    assert d["indexer"]["parameters"]["configuration"]["executionEnvironment"] == "private"


def test_ada_002_gets_no_dimensions_parameter() -> None:
    text = AZURE_PRIMARY.replace("model: text-embedding-3-large\n    version: \"1\"",
                                 "model: text-embedding-ada-002\n    version: \"2\"")
    text = text.replace("{model: text-embedding-3-large, deployment: embeddings, dimensions: 1536}",
                        "{model: text-embedding-ada-002, deployment: embeddings}")
    d = _definitions(text)
    embed = next(s for s in d["skillset"]["skills"] if s["@odata.type"].endswith("AzureOpenAIEmbeddingSkill"))
    assert "dimensions" not in embed  # the API refuses a size for models that have one fixed size
    assert next(f for f in d["index"]["fields"] if f["name"] == "text_vector")["dimensions"] == 1536


def test_links_are_approved_before_the_objects_are_created_and_queries_wait_for_both() -> None:
    _, topology, paths = _derive(AZURE_PRIMARY)
    steps = [s for _, _, s in topology.numbered_steps]
    approve = next(i for i, s in enumerate(steps, 1) if s.startswith("Azure AI Search shared private links 'knowledge'"))
    ingest = next(i for i, s in enumerate(steps, 1) if s.startswith("Azure AI Search ingestion 'knowledge'"))
    assert approve < ingest
    assert steps[approve - 1].count("az network private-endpoint-connection approve") == 2
    assert all(f"--body @search/knowledge/{f}.json" in steps[ingest - 1]
               for f in ("datasource", "index", "skillset", "indexer"))
    body = steps[ingest - 1]
    assert body.index("datasource.json") < body.index("index.json") < body.index("indexer.json")
    query = next(p for p in paths if p.use.kind == "data" and p.use.target == "knowledge")
    assert query.identity[-1].startswith("Search Index Data Reader on search service support-assistant-prod-knowledge")
    assert "privatelink.search.windows.net zone linked to that VNet" in query.network.description
    waits = int(query.works_after.split()[2].rstrip(":"))
    assert waits >= ingest
    ingestion = next(p for p in paths if p.use.kind == "ingestion" and p.use.target == "knowledge")
    assert "Storage Blob Data Reader on container 'documents'" in ingestion.identity[1]
    assert "Cognitive Services OpenAI User" in ingestion.identity[2]
    aks = next(s for s in steps if s.startswith("AKS cluster ai-platform"))
    assert "privatelink.search.windows.net" in aks


def test_search_units_are_counted_but_never_priced_at_zero() -> None:
    vspec = parse_spec(AZURE_PRIMARY.replace("used_by: [inference-router]\n",
                                             "used_by: [inference-router]\n    replicas: 2\n    partitions: 2\n"),
                       "s.yaml")
    line = next(li for li in estimate_spec(vspec).lines if li.id == "data.knowledge.search_units")
    assert line.status == "price_not_found" and line.cost is None and line.cloud == "azure"
    assert line.quantity is not None and line.quantity.low == 4 * 730
