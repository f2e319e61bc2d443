"""What the report says about each retrieval store, read from the spec and the module call that renders it: its
documents, embedding model, vector index and the root output that names it (any cloud)."""

from __future__ import annotations

from dataclasses import dataclass

from mcai.spec.models import Spec
from mcai.spec.retrieval import RetrievalStore, dimensions_of

SERVICE = {"bedrock_knowledge_base": "Bedrock knowledge base", "azure_ai_search": "Azure AI Search",
           "vertex_vector_search": "Vertex AI Vector Search"}
INDEX = {"s3_vectors": "S3 Vectors index", "opensearch_serverless": "OpenSearch Serverless vector index",
         "vertex_vector_search": "Vector Search index (streaming updates) on a Private Service Connect endpoint",
         "azure_ai_search": "Azure AI Search vector index (HNSW, integrated vectorization) on a private endpoint"}


@dataclass(frozen=True)
class RetrievalFact:
    key: str
    cloud: str
    service: str
    documents: str
    """`<key> (<cloud>)` of the documents store, and the landing store when they are copied."""
    embedding_model: str
    dimensions: int
    index: str


def facts(spec: Spec) -> tuple[RetrievalFact, ...]:
    out = []
    for key, store in sorted(spec.data.items()):
        if not isinstance(store, RetrievalStore):
            continue
        cloud: str = store.cloud  # type: ignore[attr-defined]
        docs = spec.data[store.documents]
        landing = getattr(store, "landing", None)
        documents = f"{store.documents} ({docs.cloud})" + (f", copied to {landing}" if landing else "")
        vector_store = getattr(store, "vector_store", store.kind)
        index = INDEX.get(vector_store, vector_store)
        collection = getattr(store, "collection", None)
        if collection:
            index += f" in collection '{collection}'"
        out.append(RetrievalFact(key, cloud, SERVICE[store.kind], documents, store.embedding.model,  # type: ignore[attr-defined]
                                 dimensions_of(store, cloud), f"{index}, {store.index.distance}"))
    return tuple(out)
