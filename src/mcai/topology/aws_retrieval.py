"""Retrieval stores of the `aws/` stack: a Bedrock knowledge base per `bedrock_knowledge_base` store, with its
ingestion role (documents prefix + embedding model + index only), its vector store, the workloads' query grants
and the aws provider floor S3 Vectors needs."""

from __future__ import annotations

from typing import Any

from mcai.spec.models import Spec
from mcai.spec.retrieval import BedrockKnowledgeBase, dimensions_of, query_users
from mcai.topology import identity, names
from mcai.topology.builder import label
from mcai.topology.model import Expr, ModuleCall, Output, ProviderRequirement, Resource, Variable

S3_VECTORS_FLOOR = "6.27"
S3_VECTORS_REASON = ("a Bedrock knowledge base on S3 Vectors: the knowledge base's "
                     "storage_configuration.s3_vectors_configuration is new in aws 6.27.0")
RETRIEVE = ["bedrock:Retrieve", "bedrock:RetrieveAndGenerate"]
INGESTION_STEP = "Knowledge base ingestion"
INDEX_STEP = "Knowledge base vector index"


def knowledge_bases(spec: Spec) -> dict[str, BedrockKnowledgeBase]:
    return {k: s for k, s in sorted(spec.data.items()) if isinstance(s, BedrockKnowledgeBase)}


def uses_s3_vectors(spec: Spec) -> bool:
    return any(kb.vector_store == "s3_vectors" for kb in knowledge_bases(spec).values())


def aws_provider(spec: Spec) -> ProviderRequirement:
    """The aws constraint of the aws stack: S3 Vectors raises it to >= 6.27, outbound federation to >= 6.26, and
    the reason names every feature that needs the raise."""
    base = identity.aws_provider(spec)
    if not uses_s3_vectors(spec):
        return base
    reason = S3_VECTORS_REASON + (f"; also {base.min_version_reason}" if base.min_version_reason else "")
    return ProviderRequirement(base.name, base.source, f">= {S3_VECTORS_FLOOR}, < 7.0", min_version_reason=reason)


users_of = query_users


def index_ready_variable(key: str) -> str:
    return f"{label('data', key)}_index_ready"


def _opensearch(b: Any, key: str, kb: BedrockKnowledgeBase, dims: int) -> dict[str, Any]:
    """The knowledge base on a collection of the spec; the index is a numbered step, then `<key>_index_ready`."""
    assert kb.collection is not None
    collection = label("data", kb.collection)
    ready = index_ready_variable(key)
    b.variables.setdefault(ready, Variable(
        ready, "bool", f"Set to true once the vector index of knowledge base '{key}' exists in collection "
        f"'{kb.collection}' (manual step): Bedrock refuses a knowledge base on a missing index.", False,
        required=False))
    space = "innerproduct" if kb.index.distance == "cosine" else "l2"
    b.manual_steps.append(
        f"{INDEX_STEP} '{key}': the aws provider cannot create an index inside an OpenSearch Serverless collection. "
        f"After the first apply of the aws stack, as a principal the collection's data access policy admits, create "
        f"index '{b.prefix}-{key}' in collection '{kb.collection}' (endpoint: output {collection}_endpoint) with "
        f'settings {{"index.knn": true}} and mappings: "bedrock-knowledge-base-default-vector" knn_vector, dimension '
        f'{dims}, method hnsw, engine faiss, space_type {space}; "AMAZON_BEDROCK_TEXT_CHUNK" text; '
        f'"AMAZON_BEDROCK_METADATA" text, not indexed. Then set {ready} = true and apply the aws stack again: '
        "that creates the knowledge base and its data source.")
    return {"collection_arn": Expr(f"module.{collection}.collection_arn"), "vector_index_name": f"{b.prefix}-{key}",
            "index_ready": Expr(f"var.{ready}")}


def query_statements(spec: Spec, workload: str,
                     kbs: dict[str, BedrockKnowledgeBase] | None = None) -> list[dict[str, Any]]:
    """`bedrock:Retrieve` and `bedrock:RetrieveAndGenerate` on each knowledge base the workload queries, and on
    nothing else (generation still needs the model's own invoke grant, from the routing chain). `kbs`:
    `knowledge_bases(spec)`, passed in by a caller that loops over workloads (one scan of the stores, not one each)."""
    out = []
    for key, kb in (knowledge_bases(spec) if kbs is None else kbs).items():
        if workload in users_of(spec, kb):
            # On OpenSearch the knowledge base exists only after its index step: the grant waits for it (a list that
            # stays empty until then; the role module leaves empty statements out).
            arn = Expr(f"module.{label('data', key)}.knowledge_base_arns") if kb.vector_store != "s3_vectors" \
                else [Expr(f"module.{label('data', key)}.knowledge_base_arn")]
            out.append({"sid": query_sid(key), "actions": RETRIEVE, "resources": arn})
    return out


def query_sid(key: str) -> str:
    return "Retrieve" + "".join(part.capitalize() for part in key.split("-"))


def collection_inputs(spec: Spec, collection: str) -> dict[str, Any]:
    """What a collection needs for the knowledge bases stored in it: their ingestion roles in its data access policy,
    and Bedrock admitted by its network policy (the collection is otherwise reachable from the VPC endpoint only)."""
    kbs = [k for k, kb in knowledge_bases(spec).items() if kb.collection == collection]
    if not kbs:
        return {}
    return {"ingestion_roles": [Expr(f"module.{label('data', k)}.ingestion_role_arn") for k in kbs],
            "allowed_services": ["bedrock.amazonaws.com"]}


def build(b: Any) -> None:
    """Add one knowledge base module per store to the aws stack (`b` is the AwsStackBuilder)."""
    spec: Spec = b.vspec.spec
    for key, kb in knowledge_bases(spec).items():
        path = ("data", key)
        ref = label("data", key)
        source = kb.landing or kb.documents
        name = b.namer.name(names.AWS_KNOWLEDGE_BASE, f"{b.prefix}-{key}", path)
        role = b.namer.name(names.AWS_IAM_ROLE, f"{b.prefix}-{key}-ingestion", path)
        dims = dimensions_of(kb, "aws")
        inputs: dict[str, Any] = {
            "name": name, "ingestion_role_name": role, "account_id": b.cloud.account_id, "region": b.cloud.region,
            "embedding": {"model_id": kb.embedding.model, "dimensions": dims},
            "documents": {"bucket_arn": Expr(f"module.{label('data', source)}.bucket_arn"), "prefix": kb.prefix},
            "chunk_tokens": kb.chunk_tokens}
        resources = [Resource("aws_iam_role", "ingestion"), Resource("aws_iam_role_policy", "ingestion")]
        kb_address = "this"
        if kb.vector_store == "s3_vectors":
            inputs["vector_bucket_name"] = b.namer.name(
                names.AWS_VECTOR_BUCKET, f"{b.prefix}-{key}-{b.cloud.account_id}", path)
            inputs["distance_metric"] = kb.index.distance
            resources = [Resource("aws_s3vectors_vector_bucket", "this"), Resource("aws_s3vectors_index", "this"),
                         *resources]
            module, store = "aws-knowledge-base", "S3 Vectors index"
        else:
            inputs.update(_opensearch(b, key, kb, dims))
            module, store, kb_address = "aws-knowledge-base-opensearch", "OpenSearch Serverless vector index", "this[0]"
        resources += [Resource("aws_bedrockagent_knowledge_base", kb_address),
                      Resource("aws_bedrockagent_data_source", kb_address)]
        b.modules.append(ModuleCall(
            label=ref, module=module,
            purpose=f"Knowledge base '{key}': Bedrock embeds '{source}' with {kb.embedding.model} ({dims} dimensions) "
                    f"into an {store} in {b.cloud.region}; ingestion role scoped to "
                    f"{'prefix ' + kb.prefix if kb.prefix else 'that bucket'}, that model and that index",
            inputs=inputs, resources=tuple(resources), spec_path=path))
        b.outputs.append(Output(f"{ref}_knowledge_base_id", Expr(f"module.{ref}.knowledge_base_id"),
                                f"Id of knowledge base '{key}': pass it to Retrieve / RetrieveAndGenerate."))
        b.outputs.append(Output(f"{ref}_data_source_id", Expr(f"module.{ref}.data_source_id"),
                                f"Data source of knowledge base '{key}': start ingestion jobs with it."))
        b.manual_steps.append(
            f"{INGESTION_STEP} '{key}': Terraform creates the knowledge base but embeds nothing. After applying the "
            f"aws stack (and whenever documents change), start an ingestion job: aws bedrock-agent "
            f"start-ingestion-job --knowledge-base-id <output {ref}_knowledge_base_id> --data-source-id <output "
            f"{ref}_data_source_id> --region {b.cloud.region}; queries return nothing until the first job completes.")
        if kb.landing:
            docs = spec.data[kb.documents]
            b.manual_steps.append(
                f"Documents of knowledge base '{key}' live in {docs.cloud} ('{kb.documents}'): copy them into the S3 "
                f"store '{kb.landing}' (prefix {kb.prefix or '/'}) before each ingestion job; the move is "
                "acknowledged in the spec and priced in the estimate.")
