"""Retrieval stores of the `gcp/` stack: a Vertex AI Vector Search index per `vertex_vector_search` store, deployed on
an index endpoint that only Private Service Connect reaches (a consumer forwarding rule in the VPC), a keyless
ingestion service account scoped to the documents prefix, and the readers' query-only grant."""

from __future__ import annotations

from typing import Any

from mcai.spec.retrieval import VertexVectorSearch, dimensions_of, query_users
from mcai.topology import names
from mcai.topology.builder import label
from mcai.topology.model import Expr, ModuleCall, Output, Resource

VECTOR_INGESTION_STEP = "Vector Search ingestion"
QUERY_PERMISSION = "aiplatform.indexEndpoints.queryVectors"
INDEX_ID = names.NameRule("Vector Search deployed index id", 1, 128, r"[A-Za-z][A-Za-z0-9_]*",
                          "letters, digits and '_', starting with a letter")
ROLE_PREFIX = names.NameRule("custom role id prefix", 3, 58, r"[a-zA-Z0-9_.]+", "letters, digits, '_' and '.'")


def vector_searches(spec: Any) -> dict[str, VertexVectorSearch]:
    return {k: s for k, s in sorted(spec.data.items()) if isinstance(s, VertexVectorSearch)}


def readers(spec: Any) -> set[str]:
    """Workloads that query a Vector Search store (each needs a principal in the project)."""
    return {w for s in vector_searches(spec).values() for w in query_users(spec, s)}


def ingestion_account(b: Any, key: str) -> str:
    from mcai.topology.gcp import GCP_SERVICE_ACCOUNT_ID

    full = f"{b.prefix}-{key}-ingest"
    short = full if len(full) <= 30 else f"{key}-ingest-{b.vspec.spec.environment}"
    return b.namer.name(GCP_SERVICE_ACCOUNT_ID, short, ("data", key))


def build(b: Any, members: dict[str, Expr]) -> None:
    """One gcp-vector-search module per store (`b` is the GcpStackBuilder, `members` workload -> IAM member)."""
    from mcai.topology.gcp import ENDPOINT_DISPLAY_NAME, GCP_PSC_CONSUMER

    spec = b.vspec.spec
    for key, store in vector_searches(spec).items():
        path = ("data", key)
        ref = label("data", key)
        source = store.landing or store.documents
        dims = dimensions_of(store, "gcp")
        users = {w: members[w] for w in query_users(spec, store) if w in members}
        name = b.namer.name(ENDPOINT_DISPLAY_NAME, f"{b.prefix}-{key}", path)
        account = ingestion_account(b, key)
        subnetwork = b.input_variable(
            "vertex_psc_subnetwork", "string",
            "Subnetwork for the internal addresses of the Vertex AI Private Service Connect consumer endpoints: "
            "projects/<project>/regions/<region>/subnetworks/<name>.")
        inputs = {
            "project_id": Expr("module.project_services.project_id"), "region": b.cloud.region, "name": name,
            "description": f"Retrieval store '{key}': {store.embedding.model} vectors of '{source}' (managed by mcai)",
            "deployed_index_id": b.namer.name(INDEX_ID, f"{b.prefix}_{key}".replace("-", "_"), path),
            "dimensions": dims, "distance": store.index.distance, "shard_size": f"SHARD_SIZE_{store.shard_size.upper()}",
            "machine_type": store.machine_type, "min_replicas": store.min_replicas,
            "max_replicas": store.max_replicas, "network": b.network_id(), "subnetwork": subnetwork,
            "psc_name": b.namer.name(GCP_PSC_CONSUMER, f"{b.prefix}-{key}-psc", path)[:-4],
            "documents": {"bucket_name": Expr(f"module.{label('data', source)}.bucket_name"), "prefix": store.prefix},
            "ingestion_account_id": account,
            "role_prefix": b.namer.name(ROLE_PREFIX, f"{b.prefix}_{key}".replace("-", "_"), path),
            "readers": users}
        resources = [Resource(t, a) for t, a in (
            ("google_vertex_ai_index", "this"), ("google_vertex_ai_index_endpoint", "this"),
            ("google_vertex_ai_index_endpoint_deployed_index", "this"), ("google_compute_address", "psc"),
            ("google_compute_forwarding_rule", "psc"), ("google_service_account", "ingestion"),
            ("google_storage_bucket_iam_member", "ingestion"), ("google_project_iam_custom_role", "ingestion"),
            ("google_project_iam_member", "ingestion"), ("google_project_iam_custom_role", "query"))]
        resources += [Resource("google_project_iam_member", f'readers["{w}"]') for w in users]
        b.modules.append(ModuleCall(
            label=ref, module="gcp-vector-search",
            purpose=f"Retrieval store '{key}': Vertex AI Vector Search index ({dims} dimensions, {store.embedding.model}"
                    f") on a Private Service Connect endpoint; ingestion account reads '{source}' "
                    f"{store.prefix + ' ' if store.prefix else ''}only; readers may query only ({QUERY_PERMISSION})",
            inputs=inputs, resources=tuple(resources), spec_path=path))
        for suffix, what in (("index_endpoint_id", f"Index endpoint of retrieval store '{key}' (queries name it)."),
                             ("deployed_index_id", f"Deployed index id of retrieval store '{key}' (findNeighbors)."),
                             ("match_address", f"Internal address of retrieval store '{key}' in the VPC (gRPC)."),
                             ("index_id", f"Index of retrieval store '{key}' (the ingestion upserts into it)."),
                             ("ingestion_service_account", f"Ingestion account of retrieval store '{key}' (no key).")):
            b.outputs.append(Output(f"{ref}_{suffix}", Expr(f"module.{ref}.{suffix}"), what))
        b.manual_steps.append(
            f"{VECTOR_INGESTION_STEP} '{key}': Terraform creates the index and deploys it (deploying takes up to an "
            f"hour of the apply) but embeds nothing. Run the ingestion job as service account output {ref}_ingestion_"
            "service_account (a Cloud Run job, Dataflow or Vertex AI pipeline attached to that account; whoever "
            "deploys the job needs roles/iam.serviceAccountUser on it, never a key): it reads "
            f"'{source}' {store.prefix or '(whole bucket)'}, embeds {store.chunk_tokens}-token chunks with "
            f"{store.embedding.model} (outputDimensionality {dims}, task RETRIEVAL_DOCUMENT) at "
            f"{b.cloud.region}-aiplatform.googleapis.com and upserts the datapoints into output {ref}_index_id. "
            "Queries return nothing until the first run completes; rerun it whenever documents change.")
        if store.landing:
            docs = spec.data[store.documents]
            b.manual_steps.append(
                f"Documents of retrieval store '{key}' live in {docs.cloud} ('{store.documents}'): copy them into the "
                f"Cloud Storage store '{store.landing}' (prefix {store.prefix or '/'}) before each ingestion run; the "
                "move is acknowledged in the spec and priced in the estimate.")
