"""Retrieval stores in the spec: the documents that feed them, the embedding model, the vector index and the
workloads that query them. One kind per cloud (`bedrock_knowledge_base` on AWS, `azure_ai_search` on Azure,
`vertex_vector_search` on GCP); the checks that need the dated
embedding catalog or other data stores live in `retrieval_rules.py`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from mcai.spec.base import LAX, StrictModel
from mcai.spec.types import Slug, pattern

# An S3 key prefix the data source reads (and the ingestion role may read): no leading slash, ends with '/'. No '*'
# or '?': the prefix lands in IAM resource ARNs and s3:prefix conditions, where they are wildcards (wider access).
S3Prefix = Annotated[str, pattern(r"[A-Za-z0-9!_.'()-]+(/[A-Za-z0-9!_.'()-]+)*/", "S3 prefix",
                                  "letters, digits and !_.'()- in '/'-separated parts, ending with '/' "
                                  "(e.g. support/articles/)", max_len=200)]


class Embedding(StrictModel):
    """The model that turns document chunks and queries into vectors; it runs in the store's cloud and region."""

    model: str = Field(min_length=1, max_length=100)
    """Embedding model id as the cloud names it (e.g. `amazon.titan-embed-text-v2:0`), from mcai's dated embedding
    catalog (src/mcai/data/embedding_models.yaml)."""
    dimensions: int | None = Field(default=None, ge=1, le=4096)
    """Vector size the model produces; one the model offers (default: the model's default)."""
    unlisted: bool = False
    """The model (or its region) is newer than mcai's catalog: accept it unchecked; `dimensions` is then required."""


class VectorIndex(StrictModel):
    """The vector index the embeddings are written to."""

    dimensions: int | None = Field(default=None, ge=1, le=4096)
    """Vector size of the index; it must be the embedding's (default: the embedding's)."""
    distance: Literal["cosine", "euclidean"] = "cosine"
    """Similarity metric of the index."""


class Corpus(StrictModel):
    """How much text the store embeds, for the cost estimate (embedding tokens and stored vectors)."""

    million_tokens: float = Field(gt=0, le=1e9, allow_inf_nan=False)
    """Tokens in the whole corpus, in millions (roughly 250 per MB of plain text)."""
    reembeds_per_month: float = Field(default=0, ge=0, le=31, allow_inf_nan=False)
    """Full re-embeddings a month (e.g. 4 for weekly); changed documents alone are re-embedded at each sync."""


class RetrievalStore(StrictModel):
    """Fields every retrieval store shares."""

    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    documents: Slug
    """The data store holding the documents (a key of `data`). When it is in another cloud, the move is accepted
    only with an acknowledgement of `retrieval-away-from-documents` at `data.<key>.documents`."""
    embedding: Embedding
    index: VectorIndex = VectorIndex()
    chunk_tokens: int = Field(default=300, ge=20, le=8192)
    """Fixed-size chunks of this many tokens (20% overlap) are embedded."""
    corpus: Corpus | None = None
    queries_per_month: float | None = Field(default=None, ge=0, le=1e12, allow_inf_nan=False)
    """Retrieval queries a month (default: usage.requests_per_month)."""
    used_by: Annotated[tuple[Slug, ...], LAX] | None = None
    """Workloads that query it; defaults to the routing router."""

    def vector_dimensions(self, default: int | None) -> int | None:
        """The index's dimension: declared, else the embedding's, else the model's default from the catalog."""
        return self.index.dimensions or self.embedding.dimensions or default


class BedrockKnowledgeBase(RetrievalStore):
    """An Amazon Bedrock knowledge base: its S3 data source, an ingestion role scoped to that prefix and embedding
    model, and a vector store (S3 Vectors, created by Terraform; or an OpenSearch Serverless collection of `data`)."""

    cloud: Literal["aws"]
    kind: Literal["bedrock_knowledge_base"]
    prefix: S3Prefix | None = None
    """Only objects under this prefix are ingested (and readable by the ingestion role)."""
    vector_store: Literal["s3_vectors", "opensearch_serverless"] = "s3_vectors"
    """`s3_vectors` (needs the aws provider >= 6.27) or an OpenSearch Serverless collection named by `collection`."""
    collection: Slug | None = None
    """With `vector_store: opensearch_serverless`: the collection (a key of `data`) that holds the index."""
    landing: Slug | None = None
    """When `documents` are in another cloud: the S3 store of `data` the copies land in (the data source reads it)."""


class VertexVectorSearch(RetrievalStore):
    """A Vertex AI Vector Search index (streaming updates) deployed on an index endpoint reachable only through
    Private Service Connect from the project's VPC; a keyless ingestion service account reads the documents (Cloud
    Storage) and upserts the vectors, readers may only query (`aiplatform.indexEndpoints.queryVectors`)."""

    cloud: Literal["gcp"]
    kind: Literal["vertex_vector_search"]
    prefix: S3Prefix | None = None
    """Only objects under this prefix are read by the ingestion identity (an IAM condition on the bucket)."""
    landing: Slug | None = None
    """When `documents` are in another cloud: the Cloud Storage store of `data` the copies land in."""
    shard_size: Literal["small", "medium", "large"] = "small"
    """Index shard size (small: up to ~2 GB of vectors per shard, served by e2-standard-2 nodes)."""
    machine_type: str = Field(default="e2-standard-2", pattern=r"^[a-z0-9]+-[a-z0-9-]+$", max_length=40)
    """Machine type of the nodes serving the deployed index (one the shard size admits)."""
    min_replicas: int = Field(default=1, ge=1, le=100)
    """Nodes always serving queries (billed by the node-hour)."""
    max_replicas: int = Field(default=2, ge=1, le=1000)
    """Most nodes autoscaling may add."""


class AzureEmbedding(Embedding):
    """The embedding model of an Azure AI Search store: an Azure OpenAI deployment of the stack's account."""

    deployment: Slug
    """The deployment (a key of `models`, provider azure_openai, in the store's subscription) serving `model`; the
    skillset and the query vectorizer call it through the search service's shared private link."""


class AzureAISearch(RetrievalStore):
    """An Azure AI Search service with integrated vectorization: Entra ID only (API keys off), public network access
    off, a private endpoint in the VNet; its managed identity reads the documents (an `azure_blob` store) and calls
    the embedding deployment over shared private links. Readers may only query ("Search Index Data Reader")."""

    cloud: Literal["azure"]
    kind: Literal["azure_ai_search"]
    embedding: AzureEmbedding
    prefix: S3Prefix | None = None
    """Only blobs under this virtual folder are indexed (the data source's container query)."""
    landing: Slug | None = None
    """When `documents` are in another cloud: the `azure_blob` store of `data` the copies land in."""
    sku: Literal["free", "basic", "standard", "standard2", "standard3", "storage_optimized_l1",
                 "storage_optimized_l2"] = "standard2"
    """Pricing tier. An indexer with a skillset over shared private links runs in the service's private execution
    environment, which needs standard2 or higher."""
    replicas: int = Field(default=1, ge=1, le=12)
    """Replicas (2 give a read SLA, 3 a read/write SLA); search units = replicas x partitions."""
    partitions: Literal[1, 2, 3, 4, 6, 12] = 1
    """Partitions (storage and indexing throughput)."""


# -- the dated embedding catalog (data/embedding_models.yaml) --------------------------------------------------------
EMBEDDING_PROVIDER = {"aws": "bedrock", "azure": "azure_openai", "gcp": "vertex"}
RETRIEVAL_KINDS = ("bedrock_knowledge_base", "azure_ai_search", "vertex_vector_search")
LANDING_KIND = {"aws": "s3", "azure": "azure_blob", "gcp": "gcs"}
DOCUMENT_KINDS = ("s3", "azure_blob", "gcs")


def query_users(spec: Any, store: RetrievalStore) -> tuple[str, ...]:
    """Workloads that query a store: `used_by`, else the routing router."""
    if store.used_by is not None:
        return tuple(sorted(set(store.used_by)))
    return (spec.routing.router,) if spec.routing else ()


def embedding_catalog() -> dict[str, Any]:
    from mcai import catalog

    return catalog.load("embedding_models")


def embedding_row(cloud: str, model: str) -> dict[str, Any] | None:
    """The catalog row of an embedding model in a cloud, or None when the catalog does not list it."""
    row: dict[str, Any] | None = embedding_catalog()["models"][EMBEDDING_PROVIDER[cloud]].get(model)
    return row


def offers(row: dict[str, Any], dimensions: int) -> bool:
    """Whether the model can produce vectors of this size (a list of sizes, or a min-max range)."""
    dims = row["dimensions"]
    if isinstance(dims, dict):
        return bool(dims["min"] <= dimensions <= dims["max"])
    return dimensions in dims


def dims_text(row: dict[str, Any]) -> str:
    dims = row["dimensions"]
    if isinstance(dims, dict):
        return f"{dims['min']} to {dims['max']}"
    return ", ".join(str(d) for d in dims[:-1]) + (" or " if len(dims) > 1 else "") + str(dims[-1])


def dimensions_of(store: RetrievalStore, cloud: str) -> int:
    """The index dimension a valid store renders with (declared, else the embedding's, else the model default)."""
    row = embedding_row(cloud, store.embedding.model)
    found = store.vector_dimensions(row["default_dimensions"] if row else None)
    assert found is not None, "spec rules require dimensions for unlisted embedding models"
    return found
