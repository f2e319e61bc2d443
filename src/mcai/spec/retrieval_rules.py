"""Rules for retrieval stores: the documents they read, the embedding model (dated catalog: known in the store's
cloud, offered in its region, producing the index's dimension), the vector store, and data gravity (a store in
another cloud than its documents needs an acknowledged move). Every problem at its exact spec path."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.spec.accounts_rules import region_of
from mcai.spec.errors import suggest
from mcai.spec.models import Spec
from mcai.spec.retrieval import (
    DOCUMENT_KINDS,
    EMBEDDING_PROVIDER,
    LANDING_KIND,
    AzureAISearch,
    BedrockKnowledgeBase,
    RetrievalStore,
    VertexVectorSearch,
    dims_text,
    embedding_catalog,
    embedding_row,
    offers,
)
from mcai.spec.rules import Finding, rule

AWAY_FROM_DOCUMENTS = "retrieval-away-from-documents"
LANDING_TEXT = {"aws": "S3 store of this account", "azure": "azure_blob store of this subscription",
                "gcp": "Cloud Storage store of this project"}
READER_TEXT = {"aws": "a Bedrock knowledge base reads S3", "azure": "an Azure AI Search indexer reads Azure Blob Storage",
               "gcp": "Vector Search ingestion reads Cloud Storage"}
# An indexer with a skillset over shared private links runs in the private execution environment: standard2 and up
# (Microsoft Learn, "Troubleshoot shared private link resources": "For indexers with skillsets, the minimum tier is
# Standard 2 (S2)").
SEARCH_TIERS_TOO_SMALL = ("free", "basic", "standard")


def _stores(spec: Spec) -> Iterator[tuple[str, RetrievalStore]]:
    for key, store in sorted(spec.data.items()):
        if isinstance(store, RetrievalStore):
            yield key, store


def move_acknowledged(spec: Spec, key: str) -> bool:
    path = f"data.{key}.documents"
    return any(a.id == AWAY_FROM_DOCUMENTS and a.path == path for a in spec.acknowledgements)


@rule
def retrieval_documents(spec: Spec) -> Iterator[Finding]:
    for key, store in _stores(spec):
        cloud = store.cloud  # type: ignore[attr-defined]
        here = ("data", key)
        docs = spec.data.get(store.documents)
        if docs is None:
            yield here + ("documents",), f"unknown data store '{store.documents}'" \
                f"{suggest(store.documents, list(spec.data))} (the documents this store embeds)"
            continue
        if docs.kind not in DOCUMENT_KINDS:
            yield here + ("documents",), f"'{store.documents}' is a {docs.kind} store, not documents: name an " \
                f"S3, Azure Blob or Cloud Storage store ({', '.join(DOCUMENT_KINDS)})"
            continue
        landing = getattr(store, "landing", None)
        if docs.cloud == cloud:
            if landing is not None:
                yield here + ("landing",), f"the documents are already in {cloud}: remove 'landing'"
            continue
        if not move_acknowledged(spec, key):
            size = getattr(docs, "size_gb", None)
            volume = f"{size:g} GB" if size is not None else "the whole corpus"
            yield here + ("documents",), (
                f"the documents ('{store.documents}') are in {docs.cloud} but this store is in {cloud}: "
                f"{volume} would cross clouds at ingestion and at every re-sync (embeddings belong next to the "
                f"data). Put the store in {docs.cloud}, or accept the move with an acknowledgement "
                f"{{id: {AWAY_FROM_DOCUMENTS}, path: data.{key}.documents, reason: ...}}")
        kind = LANDING_KIND[cloud]
        reader = READER_TEXT[cloud]
        target = spec.data.get(landing) if landing else None
        if landing is None:
            yield here, f"{reader} only: name the {LANDING_TEXT[cloud]} the documents are copied into ('landing')"
        elif target is None or target.kind != kind or target.cloud != cloud:
            yield here + ("landing",), f"'{landing}' is not a {kind} store of {cloud} in data" \
                f"{suggest(landing, [k for k, s in spec.data.items() if s.kind == kind])}"


@rule
def retrieval_embedding(spec: Spec) -> Iterator[Finding]:
    table = embedding_catalog()
    for key, store in _stores(spec):
        cloud = store.cloud  # type: ignore[attr-defined]
        emb = store.embedding
        path = ("data", key, "embedding")
        if emb.unlisted:
            if emb.dimensions is None and store.index.dimensions is None:
                yield path + ("dimensions",), "an unlisted embedding model needs its 'dimensions' (the catalog " \
                    "cannot supply them)"
            elif emb.dimensions and store.index.dimensions and emb.dimensions != store.index.dimensions:
                yield ("data", key, "index", "dimensions"), _mismatch(store.index.dimensions, emb.model,
                                                                      str(emb.dimensions))
            continue
        row = embedding_row(cloud, emb.model)
        where = f"embedding catalog (src/mcai/data/embedding_models.yaml, as of {table['as_of']})"
        if row is None:
            known = list(table["models"][EMBEDDING_PROVIDER[cloud]])
            yield path + ("model",), f"'{emb.model}' is not an embedding model on {cloud} in mcai's {where}" \
                f"{suggest(emb.model, known)} (known: {', '.join(sorted(known))}); if it is newer than the " \
                "catalog, set 'unlisted: true'"
            continue
        region = region_of(spec, cloud, store)
        if region is not None and region not in row["regions"]:
            yield path + ("model",), f"{emb.model} is not offered in {region}, the {cloud} region of this store " \
                f"(offered in: {', '.join(row['regions'])}; {where}). Use another embedding model, or put the " \
                "store in a region that offers it"
        if emb.dimensions is not None and not offers(row, emb.dimensions):
            yield path + ("dimensions",), f"{emb.model} produces vectors of {dims_text(row)} dimensions, not " \
                f"{emb.dimensions}"
            continue
        produced = emb.dimensions or row["default_dimensions"]
        index = store.index.dimensions
        if index is not None and index != produced:
            detail = str(produced) if emb.dimensions else f"{produced} (its default; it offers {dims_text(row)})"
            yield ("data", key, "index", "dimensions"), _mismatch(index, emb.model, detail)


def _mismatch(index: int, model: str, produced: str) -> str:
    return f"dimension mismatch: the index holds {index}-dimension vectors but {model} produces {produced}; " \
        "queries and ingestion would fail. Set embedding.dimensions and index.dimensions to the same size"


@rule
def retrieval_vector_store(spec: Spec) -> Iterator[Finding]:
    for key, store in _stores(spec):
        if not isinstance(store, BedrockKnowledgeBase):
            continue
        path = ("data", key)
        if store.vector_store == "s3_vectors":
            if store.collection is not None:
                yield path + ("collection",), "'collection' is for vector_store: opensearch_serverless"
            continue
        if store.collection is None:
            yield path, "vector_store: opensearch_serverless needs 'collection' (an opensearch_serverless store " \
                "of data)"
            continue
        target = spec.data.get(store.collection)
        if target is None or target.kind != "opensearch_serverless":
            yield path + ("collection",), f"'{store.collection}' is not an opensearch_serverless store of data" \
                f"{suggest(store.collection, [k for k, s in spec.data.items() if s.kind == 'opensearch_serverless'])}"


@rule
def vector_search_replicas(spec: Spec) -> Iterator[Finding]:
    for key, store in _stores(spec):
        if isinstance(store, VertexVectorSearch) and store.max_replicas < store.min_replicas:
            yield ("data", key, "max_replicas"), f"max_replicas ({store.max_replicas}) is below min_replicas " \
                f"({store.min_replicas}): autoscaling can only add nodes"


@rule
def azure_search_embedding_deployment(spec: Spec) -> Iterator[Finding]:
    """The skillset and the query vectorizer call one Azure OpenAI deployment of the store's own account."""
    from mcai.spec.accounts_rules import account_of

    for key, store in _stores(spec):
        if not isinstance(store, AzureAISearch):
            continue
        if store.sku in SEARCH_TIERS_TOO_SMALL:
            yield ("data", key, "sku"), f"sku {store.sku} cannot run this store's indexer: a skillset over shared " \
                "private links runs in the private execution environment, which needs standard2 or higher " \
                "(Microsoft Learn, 'Troubleshoot shared private link resources')"
        emb = store.embedding
        path = ("data", key, "embedding", "deployment")
        deployments = [k for k, m in sorted(spec.models.items()) if m.provider == "azure_openai"]
        model = spec.models.get(emb.deployment)
        if model is None or model.provider != "azure_openai":
            what = "no model" if model is None else f"a {model.provider} model, not an Azure OpenAI deployment"
            yield path, f"the search service embeds through an Azure OpenAI deployment of {emb.model}, and " \
                f"'{emb.deployment}' is {what} under 'models'{suggest(emb.deployment, deployments)} (deployments: " \
                f"{', '.join(deployments) or 'none'}); add one with 'provider: azure_openai, model: {emb.model}'"
            continue
        if model.model != emb.model:
            yield path, f"deployment '{emb.deployment}' serves {model.model}, not {emb.model}: name a deployment " \
                f"of {emb.model}, or set embedding.model to {model.model}"
        mine, theirs = account_of(spec, "azure", store), account_of(spec, "azure", model)
        if mine != theirs:
            yield path, f"deployment '{emb.deployment}' is in subscription '{theirs}', the store in '{mine}': the " \
                "shared private link reaches the Azure OpenAI account of the store's own stack only; deploy the " \
                "embedding model there"
