"""Paths of Azure AI Search stores: the ingestion (the service's own identity reading blob and calling the embedding
deployment over its shared private links) and the queries (a workload's managed identity holding Search Index Data
Reader on that service, over the service's private endpoint). Read back from the azure-ai-search module call."""

from __future__ import annotations

from typing import Any

from mcai.paths.model import Broken, NetworkPath, Use
from mcai.paths.steps import step_ref
from mcai.spec.models import Spec
from mcai.spec.retrieval import AzureAISearch
from mcai.topology.azure import AKS_NETWORK_STEP
from mcai.topology.azure_retrieval import SEARCH_DNS_ZONE, SEARCH_INGESTION_STEP, SEARCH_READER_ROLE
from mcai.topology.model import Topology


def _call(topology: Topology, key: str) -> Any:
    call = topology.call("azure", f"data_{key.replace('-', '_')}")
    if call is None or call.module != "azure-ai-search":
        raise Broken(f"nothing in the azure stack serves Azure AI Search store '{key}'")
    return call


def ingestion_identity(spec: Spec, topology: Topology, use: Use) -> tuple[str, ...]:
    store = spec.data[use.target]
    assert isinstance(store, AzureAISearch)
    i = _call(topology, use.target).inputs
    source = store.landing or store.documents
    docs = topology.call("azure", f"data_{source.replace('-', '_')}")
    openai = topology.call("azure", "openai")
    account = docs.inputs["name"] if docs else "?"
    container = docs.inputs["container_name"] if docs else "?"
    return (f"the indexer, embedding skill and query vectorizer of search service {i['name']}, acting as its "
            "system-assigned identity (no key, no connection string with a secret)",
            f"Storage Blob Data Reader on container '{container}' of storage account {account} only",
            f"Cognitive Services OpenAI User on Azure OpenAI account {openai.inputs['name'] if openai else '?'} "
            f"(embedding deployment '{store.embedding.deployment}', {store.embedding.model})")


def ingestion_network(spec: Spec, topology: Topology, use: Use, moved: str) -> NetworkPath:
    i = _call(topology, use.target).inputs
    return NetworkPath("same-cloud", f"inside Azure over search service {i['name']}'s shared private links (blob of "
                       "the documents' storage account, openai_account of the Azure OpenAI account; both have public "
                       f"access off); the indexer runs in the service's private execution environment{moved}",
                       "none: the service's own private endpoints",
                       step_ref(topology, f"{SEARCH_INGESTION_STEP} '{use.target}'"))


def query_identity_grant(topology: Topology, use: Use) -> str:
    """The grant a querying workload's managed identity holds on the search service."""
    i = _call(topology, use.target).inputs
    if use.workload not in i["reader_principal_ids"]:
        raise Broken(f"nothing in the azure stack grants workload '{use.workload}' {SEARCH_READER_ROLE} on "
                     f"{use.what}")
    return f"{SEARCH_READER_ROLE} on search service {i['name']} only (queries; no index writes, no keys)"


def query_network(spec: Spec, topology: Topology, use: Use) -> NetworkPath:
    """The service admits its private endpoint only: callers run in the stack's VNet or a peered one (AKS)."""
    i = _call(topology, use.target).inputs
    runtime = spec.workloads[use.workload].runs_on
    dns = f"{i['name']}.search.windows.net -> private endpoint"
    if runtime.cloud != "azure":
        raise Broken(f"{use.what} admits only its private endpoint in the Azure VNet (public access "
                     f"off), and mcai renders no name resolution of search.windows.net from {runtime.cloud}: query "
                     "it from a workload on AKS")
    return NetworkPath(
        "same-cloud", f"the search service's private endpoint in the stack's VNet, reached from AKS cluster "
        f"{runtime.cluster}'s VNet through VNet peering; the {SEARCH_DNS_ZONE} zone linked to that VNet answers the "
        "name with the endpoint's address", dns, step_ref(topology, AKS_NETWORK_STEP))
