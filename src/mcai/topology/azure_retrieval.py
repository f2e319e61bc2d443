"""Retrieval stores of the `azure/` stack: a private, Entra-only documents container per `azure_blob` store and an
Azure AI Search service per `azure_ai_search` store (azure-ai-search: private endpoint, shared private links to the
documents and the Azure OpenAI account, exact grants). The index, data source, skillset and indexer are data-plane
objects azurerm cannot create: their definitions are generated files of the stack (search/<store>/*.json, managed
identity connections, no keys) and numbered steps approve the shared private links, then PUT them, in that order."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from mcai.spec.azure import BlobDocuments
from mcai.spec.retrieval import AzureAISearch, dimensions_of, query_users
from mcai.topology import audit_azure
from mcai.topology.builder import label
from mcai.topology.identity import label as identity_label
from mcai.topology.model import Expr, ModuleCall, Output, Resource
from mcai.topology.names import NameRule

SEARCH_DNS_ZONE = "privatelink.search.windows.net"
BLOB_DNS_ZONE = "privatelink.blob.core.windows.net"
SEARCH_APPROVAL_STEP = "Azure AI Search shared private links"
SEARCH_INGESTION_STEP = "Azure AI Search ingestion"
SEARCH_API_VERSION = "2024-07-01"
SEARCH_READER_ROLE = "Search Index Data Reader"
SEARCH_SERVICE = NameRule("Azure AI Search service name", 2, 60, r"[a-z0-9](-?[a-z0-9])*",
                          "lowercase letters, digits and single hyphens, starting and ending with a letter or digit")
STORAGE_ACCOUNT = NameRule("storage account name", 3, 24, r"[a-z0-9]+", "lowercase letters and digits")
# Objects and files, in the order they are created: the indexer references the other three and runs on creation.
OBJECTS = (("datasources", "datasource"), ("indexes", "index"), ("skillsets", "skillset"), ("indexers", "indexer"))


def blob_stores(spec: Any) -> dict[str, BlobDocuments]:
    return {k: s for k, s in sorted(spec.data.items()) if isinstance(s, BlobDocuments)}


def search_stores(spec: Any) -> dict[str, AzureAISearch]:
    return {k: s for k, s in sorted(spec.data.items()) if isinstance(s, AzureAISearch)}


def dns_zones(spec: Any) -> list[str]:
    """Private DNS zones the stack's VNet needs for these stores (linked by the foundation)."""
    return ([BLOB_DNS_ZONE] if blob_stores(spec) else []) + ([SEARCH_DNS_ZONE] if search_stores(spec) else [])


def resource_providers(spec: Any) -> tuple[str, ...]:
    return (("Microsoft.Storage",) if blob_stores(spec) else ()) + (
        ("Microsoft.Search",) if search_stores(spec) else ())


def object_names(key: str) -> dict[str, str]:
    """Data-plane object names of a store (file name -> object name)."""
    return {"datasource": f"{key}-documents", "index": key, "skillset": f"{key}-vectorize", "indexer": f"{key}-indexer"}


def storage_account_name(b: Any, key: str) -> str:
    """Globally unique, 3-24 lowercase letters and digits: the estate's and the store's letters plus a digest."""
    digest = hashlib.sha256(f"{b.cloud.subscription_id}/{b.prefix}/{key}".encode()).hexdigest()[:6]
    return b.namer.name(STORAGE_ACCOUNT, f"st{re.sub('[^a-z0-9]', '', b.prefix)[:10]}"
                                         f"{re.sub('[^a-z0-9]', '', key)[:6]}{digest}", ("data", key))


def build(b: Any) -> None:
    """Documents accounts first, then the search services that read them (`b` is the AzureStackBuilder)."""
    for key, store in blob_stores(b.vspec.spec).items():
        _documents(b, key, store)
    for key, store in search_stores(b.vspec.spec).items():
        _search(b, key, store)


def _zone_id(zone: str) -> Expr:
    return Expr(f'module.foundation.private_dns_zone_ids["{zone}"]')


def _documents(b: Any, key: str, store: BlobDocuments) -> None:
    ref = label("data", key)
    b.modules.append(ModuleCall(
        label=ref, module="azure-documents-storage",
        purpose=f"Documents '{key}': a blob container in a storage account with shared keys and public access off, "
                "reached through its blob private endpoint; soft delete (no versioning: the indexer detects deletions)",
        inputs={"name": storage_account_name(b, key), "resource_group_name": Expr("module.foundation.resource_group_name"),
                "location": b.cloud.location, "container_name": store.container,
                "private_endpoint": {"subnet_id": Expr("module.foundation.private_endpoint_subnet_id"),
                                     "private_dns_zone_id": _zone_id(BLOB_DNS_ZONE)},
                "soft_delete_days": store.soft_delete_days, "tags": Expr("local.default_tags")},
        resources=(Resource("azurerm_storage_account", "this"), Resource("azurerm_storage_container", "documents"),
                   Resource("azurerm_private_endpoint", "blob")),
        spec_path=("data", key)))
    account = b.modules[-1].inputs["name"]
    b.manual_steps.append(
        f"Documents '{key}': storage account {account} has shared keys and public network access off, and nobody "
        f"may write to it yet. Grant the uploader (a person or pipeline) Storage Blob Data Contributor on container "
        f"'{store.container}' only, and upload from the stack's VNet or a peered one that resolves {account}"
        f".blob.core.windows.net through {BLOB_DNS_ZONE}: az storage blob upload-batch --auth-mode login "
        f"--account-name {account} --destination {store.container} --source <directory>.")
    b.outputs += [Output(f"{ref}_storage_account", Expr(f"module.{ref}.account_name"),
                         f"Storage account of the '{key}' documents (Entra ID only; upload with a data role)."),
                  Output(f"{ref}_container", Expr(f"module.{ref}.container_name"),
                         f"Blob container of the '{key}' documents.")]


def _search(b: Any, key: str, store: AzureAISearch) -> None:
    spec = b.vspec.spec
    ref, path = label("data", key), ("data", key)
    source = store.landing or store.documents
    docs_ref = label("data", source)
    readers = {w: Expr(f"module.{identity_label(w)}.principal_id") for w in query_users(spec, store)
               if spec.identity.get(w) is not None and spec.identity[w].azure is not None}
    name = b.namer.name(SEARCH_SERVICE, f"{b.prefix}-{key}", path)
    resources = [Resource(t, a) for t, a in (
        ("azurerm_search_service", "this"), ("azurerm_private_endpoint", "this"),
        ("azurerm_search_shared_private_link_service", "openai"), ("azurerm_search_shared_private_link_service", "blob"),
        ("azurerm_role_assignment", "openai_user"), ("azurerm_role_assignment", "documents_reader"),
        ("azurerm_monitor_diagnostic_setting", "this[0]"))] + list(audit_azure.export_setting(b.vspec.spec))
    resources += [Resource("azurerm_role_assignment", f'readers["{w}"]') for w in readers]
    dims = dimensions_of(store, "azure")
    b.modules.append(ModuleCall(
        label=ref, module="azure-ai-search",
        purpose=f"Retrieval store '{key}': Azure AI Search ({store.sku}, Entra ID only, private endpoint) embedding "
                f"'{source}' with {store.embedding.model} ({dims} dimensions) over shared private links; readers may "
                f"only query ({SEARCH_READER_ROLE})",
        inputs={"name": name, "resource_group_name": Expr("module.foundation.resource_group_name"),
                "location": b.cloud.location, "sku": store.sku, "replica_count": store.replicas,
                "partition_count": store.partitions,
                "private_endpoint": {"subnet_id": Expr("module.foundation.private_endpoint_subnet_id"),
                                     "private_dns_zone_id": _zone_id(SEARCH_DNS_ZONE)},
                "openai_account_id": Expr("module.openai.account_id"),
                "documents": {"account_id": Expr(f"module.{docs_ref}.account_id"),
                              "container_id": Expr(f"module.{docs_ref}.container_id")},
                "reader_principal_ids": readers,
                "diagnostics": audit_azure.diagnostics(b.vspec.spec, "azure-ai-search"),
                "tags": Expr("local.default_tags")},
        resources=tuple(resources), spec_path=path))
    b.outputs += [Output(f"{ref}_endpoint", Expr(f"module.{ref}.endpoint"),
                         f"Search endpoint of retrieval store '{key}' (private; index '{key}')."),
                  Output(f"{ref}_shared_private_links", Expr(f"module.{ref}.shared_private_link_status"),
                         f"Shared private link status of retrieval store '{key}' (Approved before ingestion).")]
    openai = next(m for m in b.modules if m.label == "openai").inputs
    context = _context(b, key, store, name, openai, dims)
    for file, body in definitions(context).items():
        b.files[f"search/{key}/{file}.json"] = json.dumps(body, indent=2) + "\n"
    _steps(b, key, store, context)


def _context(b: Any, key: str, store: AzureAISearch, service: str, openai: dict[str, Any],
             dims: int) -> dict[str, Any]:
    source = store.landing or store.documents
    docs_call = next(m for m in b.modules if m.label == label("data", source)).inputs
    group = next(m for m in b.modules if m.label == "foundation").inputs["resource_group_name"]
    storage_id = (f"/subscriptions/{b.cloud.subscription_id}/resourceGroups/{group}/providers/Microsoft.Storage/"
                  f"storageAccounts/{docs_call['name']}")
    openai_id = (f"/subscriptions/{b.cloud.subscription_id}/resourceGroups/{group}/providers/"
                 f"Microsoft.CognitiveServices/accounts/{openai['name']}")
    return {"key": key, "service": service, "group": group, "storage_id": storage_id, "openai_id": openai_id,
            "container": docs_call["container_name"], "prefix": (store.prefix or "").rstrip("/") or None,
            "openai_uri": f"https://{openai['name']}.openai.azure.com",
            "deployment": openai["deployments"][store.embedding.deployment]["name"],
            "model": store.embedding.model, "dimensions": dims, "metric": store.index.distance,
            "chunk_chars": store.chunk_tokens * 4, "names": object_names(key)}


def definitions(c: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The four data-plane objects (REST API 2024-07-01). Connections name resources, never keys: the service's
    system-assigned identity authenticates to blob (ResourceId=...) and to Azure OpenAI (no apiKey)."""
    n = c["names"]
    openai = {"resourceUri": c["openai_uri"], "deploymentId": c["deployment"], "modelName": c["model"]}
    embed: dict[str, Any] = {"@odata.type": "#Microsoft.Skills.Text.AzureOpenAIEmbeddingSkill", "name": "embed",
                             "description": f"{c['model']} through the shared private link", "context": "/document/pages/*",
                             **openai}
    if c["model"].startswith("text-embedding-3"):
        embed["dimensions"] = c["dimensions"]  # only the text-embedding-3 models take a size
    embed |= {"inputs": [{"name": "text", "source": "/document/pages/*"}],
              "outputs": [{"name": "embedding", "targetName": "text_vector"}]}
    container: dict[str, Any] = {"name": c["container"]}
    if c["prefix"]:
        container["query"] = c["prefix"]
    plain = {"filterable": False, "sortable": False, "facetable": False}
    return {
        "datasource": {
            "name": n["datasource"], "type": "azureblob",
            "credentials": {"connectionString": f"ResourceId={c['storage_id']};"}, "container": container,
            "dataDeletionDetectionPolicy": {
                "@odata.type": "#Microsoft.Azure.Search.NativeBlobSoftDeleteDeletionDetectionPolicy"}},
        "index": {
            "name": n["index"],
            "fields": [
                {"name": "chunk_id", "type": "Edm.String", "key": True, "searchable": True, "retrievable": True,
                 **plain, "analyzer": "keyword"},
                {"name": "parent_id", "type": "Edm.String", "searchable": False, "retrievable": True,
                 "filterable": True, "sortable": False, "facetable": False},
                {"name": "title", "type": "Edm.String", "searchable": True, "retrievable": True, **plain},
                {"name": "chunk", "type": "Edm.String", "searchable": True, "retrievable": True, **plain},
                {"name": "text_vector", "type": "Collection(Edm.Single)", "searchable": True, "retrievable": False,
                 "dimensions": c["dimensions"], "vectorSearchProfile": "vectors"}],
            "vectorSearch": {
                "algorithms": [{"name": "hnsw", "kind": "hnsw", "hnswParameters": {"metric": c["metric"]}}],
                "profiles": [{"name": "vectors", "algorithm": "hnsw", "vectorizer": "embedding"}],
                "vectorizers": [{"name": "embedding", "kind": "azureOpenAI", "azureOpenAIParameters": openai}]}},
        "skillset": {
            "name": n["skillset"],
            "description": f"Chunks of ~{c['chunk_chars']} characters (20% overlap), embedded with {c['model']}",
            "skills": [
                {"@odata.type": "#Microsoft.Skills.Text.SplitSkill", "name": "chunk", "context": "/document",
                 "textSplitMode": "pages", "maximumPageLength": c["chunk_chars"],
                 "pageOverlapLength": c["chunk_chars"] // 5,
                 "inputs": [{"name": "text", "source": "/document/content"}],
                 "outputs": [{"name": "textItems", "targetName": "pages"}]},
                embed],
            "indexProjections": {
                "selectors": [{"targetIndexName": n["index"], "parentKeyFieldName": "parent_id",
                               "sourceContext": "/document/pages/*",
                               "mappings": [{"name": "chunk", "source": "/document/pages/*"},
                                            {"name": "text_vector", "source": "/document/pages/*/text_vector"},
                                            {"name": "title", "source": "/document/metadata_storage_name"}]}],
                "parameters": {"projectionMode": "skipIndexingParentDocuments"}}},
        "indexer": {
            "name": n["indexer"], "dataSourceName": n["datasource"], "targetIndexName": n["index"],
            "skillsetName": n["skillset"], "schedule": {"interval": "PT1H"},
            # shared private links are used only by indexers pinned to the service's private environment
            "parameters": {"configuration": {"dataToExtract": "contentAndMetadata", "parsingMode": "default",
                                             "executionEnvironment": "private"}}}}


def _steps(b: Any, key: str, store: AzureAISearch, c: dict[str, Any]) -> None:
    service, group = c["service"], c["group"]
    approve = (
        f"{SEARCH_APPROVAL_STEP} '{key}': the search service {service} reaches the Azure OpenAI account "
        f"(openai_account) and the documents' storage account (blob) through shared private links, which land "
        "Pending on each target; azurerm cannot approve a connection on the target. After the azure stack's apply, "
        "as a principal allowed to approve private endpoint connections on both, run: "
        + " ; ".join(
            f"az network private-endpoint-connection list --id {target} --query \"[?properties."
            "privateLinkServiceConnectionState.status=='Pending' && properties.privateLinkServiceConnectionState."
            f"description=='Azure AI Search {service}: integrated vectorization (managed by mcai)'].id\" -o tsv "
            f"| xargs -r -n1 az network private-endpoint-connection approve --description 'mcai: {service}' --id"
            for target in (c["openai_id"], c["storage_id"]))
        + f" ; then check that `az search shared-private-link-resource list --service-name {service} "
        f"--resource-group {group} --query \"[].properties.status\"` shows Approved twice. Until then the indexer "
        "and the query vectorizer cannot reach blob or Azure OpenAI (public access is off on both).")
    puts = " ; ".join(
        f"az rest --method put --url \"https://{service}.search.windows.net/{collection}/{c['names'][file]}"
        f"?api-version={SEARCH_API_VERSION}\" --resource https://search.azure.com --headers "
        f"Content-Type=application/json --body @search/{key}/{file}.json" for collection, file in OBJECTS)
    b.manual_steps.append(approve)
    b.manual_steps.append(
        f"{SEARCH_INGESTION_STEP} '{key}' (after the approval of its shared private links): azurerm cannot create "
        f"the index, data source, skillset and indexer; their definitions are in search/{key}/ (managed identity, no "
        f"keys). The service has public access off: from a machine in the stack's VNet or a peered one that resolves "
        f"{service}.search.windows.net through {SEARCH_DNS_ZONE}, signed in as a principal holding \"Search Service "
        f"Contributor\" on the service, run in this stack's directory: {puts}. The indexer runs on creation, then "
        f"hourly (changed and soft-deleted blobs follow); queries return nothing until its first run succeeds "
        f"(`az rest --url \"https://{service}.search.windows.net/indexers/{c['names']['indexer']}/status?api-version="
        f"{SEARCH_API_VERSION}\" --resource https://search.azure.com`).")
    if store.landing:
        docs = b.vspec.spec.data[store.documents]
        b.manual_steps.append(
            f"Documents of retrieval store '{key}' live in {docs.cloud} ('{store.documents}'): copy them into the "
            f"container of the azure_blob store '{store.landing}' (prefix {store.prefix or '/'}) before each indexer "
            "run; the move is acknowledged in the spec and priced in the estimate.")
