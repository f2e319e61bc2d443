"""Paths of retrieval stores: every ingestion is a use too (the store's service identity reading the documents,
calling the embedding model and writing the index), and every query by a workload works only after the first
ingestion. Read back from the derived topology, so the hops are what the rendered Terraform grants."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mcai.paths.model import Broken, NetworkPath, Use
from mcai.paths.steps import step_ref
from mcai.spec.models import Spec
from mcai.spec.retrieval import AzureAISearch, BedrockKnowledgeBase, RetrievalStore, VertexVectorSearch
from mcai.topology.aws_retrieval import INGESTION_STEP
from mcai.topology.azure_retrieval import SEARCH_INGESTION_STEP
from mcai.topology.gcp_retrieval import VECTOR_INGESTION_STEP
from mcai.topology.model import Topology

INGESTION = "ingestion"


def _stores(spec: Spec) -> Iterator[tuple[str, RetrievalStore]]:
    for key, store in sorted(spec.data.items()):
        if isinstance(store, RetrievalStore):
            yield key, store


def ingestion_uses(spec: Spec) -> list[Use]:
    """One use per retrieval store: its ingestion identity using the documents, the model and the index."""
    out = []
    for key, store in _stores(spec):
        source = getattr(store, "landing", None) or store.documents
        out.append(Use(f"{key} (ingestion)", INGESTION, key, store.cloud,  # type: ignore[attr-defined]
                       f"documents '{source}' -> {store.embedding.model} -> vector index",
                       ("data", key, "documents"), "ingestion"))
    return out


def ingestion_identity(spec: Spec, topology: Topology, use: Use) -> tuple[str, ...]:
    store = spec.data[use.target]
    if isinstance(store, AzureAISearch):
        from mcai.paths import retrieval_azure

        return retrieval_azure.ingestion_identity(spec, topology, use)
    call = topology.call(use.target_cloud, f"data_{use.target.replace('-', '_')}")
    if call is not None and isinstance(store, VertexVectorSearch):
        return _vector_ingestion(spec, store, call.inputs)
    if call is None or not isinstance(store, BedrockKnowledgeBase):
        raise Broken(f"nothing in the {use.target_cloud} stack ingests '{use.target}'")
    i: dict[str, Any] = call.inputs
    prefix = i["documents"]["prefix"] or ""
    source = store.landing or store.documents
    return (f"Bedrock (bedrock.amazonaws.com) for knowledge bases of account {i['account_id']} in {i['region']} -> "
            f"IAM role {i['ingestion_role_name']} (trust: aws:SourceAccount, aws:SourceArn)",
            f"role policy EmbedWithOneModel: bedrock:InvokeModel on {i['embedding']['model_id']} only",
            f"role policy ListDocuments, ReadDocuments: s3:ListBucket, s3:GetObject on '{source}' {prefix}* only",
            _write_vectors(store, i))


def _vector_ingestion(spec: Spec, store: VertexVectorSearch, i: dict[str, Any]) -> tuple[str, ...]:
    assert spec.clouds.gcp is not None
    project = spec.clouds.gcp.project_id
    source = store.landing or store.documents
    scope = f"objects under {store.prefix} only (IAM condition)" if store.prefix else "the whole bucket"
    return (f"the ingestion job, attached to service account {i['ingestion_account_id']}@{project}.iam."
            "gserviceaccount.com (no key; the job's runtime obtains its tokens)",
            f"roles/storage.objectViewer on the bucket of '{source}': {scope}",
            f"custom role {i['role_prefix']}Ingest on project {project}: aiplatform.endpoints.predict (the embedding "
            f"model {store.embedding.model}) and aiplatform.indexes.update (upsert into index {i['name']}); Vertex "
            "AI has no per-index IAM, so both hold project-wide")


def _write_vectors(store: BedrockKnowledgeBase, i: dict[str, Any]) -> str:
    if store.vector_store == "s3_vectors":
        return ("role policy WriteVectors: s3vectors:GetIndex, PutVectors, GetVectors, DeleteVectors, QueryVectors "
                f"on index {i['name']} only")
    return (f"role policy WriteVectors: aoss:APIAccessAll on collection '{store.collection}' only; the collection's "
            f"data access policy admits the role on its indexes (index {i['vector_index_name']})")


def ingestion_network(spec: Spec, topology: Topology, use: Use) -> NetworkPath:
    store = spec.data[use.target]
    docs = spec.data[store.documents]  # type: ignore[union-attr]
    moved = f"; the documents are copied from {docs.cloud} first (acknowledged move)" \
        if docs.cloud != use.target_cloud else ""
    if isinstance(store, AzureAISearch):
        from mcai.paths import retrieval_azure

        return retrieval_azure.ingestion_network(spec, topology, use, moved)
    if isinstance(store, VertexVectorSearch):
        assert spec.clouds.gcp is not None
        host = f"{spec.clouds.gcp.region}-aiplatform.googleapis.com"
        return NetworkPath("same-cloud", "inside Google Cloud: the job reads Cloud Storage, calls the embedding model "
                           f"and upserts datapoints through the regional Vertex AI API{moved}", host,
                           step_ref(topology, f"{VECTOR_INGESTION_STEP} '{use.target}'"))
    target = "writes S3 Vectors" if getattr(store, "vector_store", "") == "s3_vectors" else \
        "writes the collection, whose network policy admits bedrock.amazonaws.com (no public access)"
    return NetworkPath("same-cloud", f"inside AWS, service to service: Bedrock reads S3, calls the embedding model "
                       f"and {target} in one region{moved}", "none: no caller in the VPC",
                       step_ref(topology, f"{INGESTION_STEP} '{use.target}'"))


def is_query(spec: Spec, use: Use) -> bool:
    return use.kind == "data" and isinstance(spec.data.get(use.target), RetrievalStore)


def query_network(spec: Spec, use: Use) -> NetworkPath:
    aws = spec.clouds.aws
    assert aws is not None
    dns = f"bedrock-agent-runtime.{aws.region}.amazonaws.com"
    if aws.bedrock.private:
        return NetworkPath("same-cloud", "interface VPC endpoint for bedrock-agent-runtime (PrivateLink) in the VPC; "
                           "private DNS answers the regional name with its addresses", dns)
    return NetworkPath("same-cloud", "Bedrock's regional agent-runtime endpoint inside AWS (no PrivateLink: set "
                       "clouds.aws.bedrock.private to keep it in the VPC)", dns)


def query_waits_for(use: Use) -> str:
    """The numbered step a query waits for: the first ingestion of its store."""
    step = {"gcp": VECTOR_INGESTION_STEP, "azure": SEARCH_INGESTION_STEP}.get(use.target_cloud, INGESTION_STEP)
    return f"{step} '{use.target}'"


def vector_query_network(spec: Spec, topology: Topology, use: Use, off_home: str | None = None) -> NetworkPath:
    """A query of a Vector Search index: its endpoint admits Private Service Connect only, so the caller sits in the
    project's VPC (GKE) or reaches it over a private link; the consumer endpoint's address is the target."""
    ref = f"data_{use.target.replace('-', '_')}"
    home = spec.workloads[use.workload].runs_on.cloud
    address = f"gcp output {ref}_match_address"
    if home == "gcp":
        return NetworkPath("same-cloud", f"the Private Service Connect consumer endpoint of the index endpoint in the "
                           f"VPC ({address}); gRPC findNeighbors calls go to that address",
                           "none: requests go to the consumer endpoint's address")
    link = next((i for i, link in enumerate(spec.links) if set(link.between) == {home, "gcp"}), None)
    if off_home is not None:
        raise Broken(f"{use.what} is served only through Private Service Connect in the gcp VPC, which {home} "
                     f"reaches only over a private link, and {off_home}")
    if link is None or home != "aws":
        raise Broken(f"{use.what} is served only through Private Service Connect in the gcp VPC, which {home} "
                     "reaches only over a private link with routes to it: add a link between "
                     f"{home} and gcp, or query it from a workload on GKE")
    return NetworkPath("private-link", f"links[{link}] ({spec.links[link].via}) to the Private Service Connect "
                       f"consumer endpoint of the index endpoint ({address}); the link advertises the VPC's routes",
                       "none: requests go to the consumer endpoint's address")
