"""Every use in a spec, in a stable order: the router calling each model of the routing chain and each spillover
target, every workload reading or writing a data store (`used_by`, or a dataset it is granted through `identity`),
the router using the response cache, and every flow (`usage.flows`: a workload moving data to or from a data store
or model in another cloud)."""

from __future__ import annotations

from mcai.diagnostics import Path
from mcai.paths.model import Use
from mcai.spec.cache import SERVICE as CACHE_SERVICE
from mcai.spec.models import Spec
from mcai.spec.rules import PROVIDER_CLOUD as MODEL_CLOUD

MODEL_SERVICE = {"bedrock": "Bedrock", "azure_openai": "Azure OpenAI", "vertex": "Vertex AI"}
STORE_SERVICE = {"s3": "S3 bucket", "opensearch_serverless": "OpenSearch Serverless collection",
                 "bigquery": "BigQuery dataset", "gcs": "Cloud Storage bucket",
                 "azure_blob": "Azure Blob container", "bedrock_knowledge_base": "Bedrock knowledge base",
                 "azure_ai_search": "Azure AI Search index",
                 "vertex_vector_search": "Vertex AI Vector Search index"}


def collect(spec: Spec) -> list[Use]:
    from mcai.paths.retrieval import ingestion_uses

    return _model_uses(spec) + _data_uses(spec) + _cache_uses(spec) + _flow_uses(spec) + ingestion_uses(spec)


def _model_uses(spec: Spec) -> list[Use]:
    routing = spec.routing
    if routing is None or routing.router not in spec.workloads:
        return []
    out: list[Use] = []
    seen: set[str] = set()
    for i, key in enumerate(routing.chain):
        todo: list[tuple[str, Path, str]] = [(key, ("routing", "chain", i), "routing.chain")]
        while todo:
            current, path, via = todo.pop(0)
            model = spec.models.get(current)
            if model is None or current in seen:
                continue
            seen.add(current)
            out.append(Use(routing.router, "model", current, MODEL_CLOUD[model.provider],
                           f"{MODEL_SERVICE[model.provider]}, {model.model}", path, via))
            spill = getattr(model, "spillover", None)
            if spill:
                todo.append((spill, ("models", current, "spillover"), f"spillover of {current}"))
    return out


def _data_uses(spec: Spec) -> list[Use]:
    out: list[Use] = []
    router = spec.routing.router if spec.routing else None
    for key, store in sorted(spec.data.items()):
        used_by = store.used_by
        if used_by is None:
            users: list[tuple[str, Path, str]] = [(router, ("data", key), "default user (the router)")] \
                if router else []
        else:
            users = [(w, ("data", key, "used_by", j), "used_by") for j, w in enumerate(used_by)]
        if store.kind == "bigquery":
            listed = {w for w, _, _ in users}
            for w, ident in sorted(spec.identity.items()):
                if ident.gcp is None:
                    continue
                for j, k in enumerate(ident.gcp.bigquery):
                    if k == key and w not in listed:
                        users.append((w, ("identity", w, "gcp", "bigquery", j), "identity grant"))
                        listed.add(w)
        seen: set[str] = set()
        for w, path, via in users:
            if w in seen or w not in spec.workloads:
                continue
            seen.add(w)
            out.append(Use(w, "data", key, store.cloud, STORE_SERVICE[store.kind], path, via))
    return out


def _cache_uses(spec: Spec) -> list[Use]:
    routing = spec.routing
    if routing is None or routing.cache is None or routing.router not in spec.workloads:
        return []
    return [Use(routing.router, "cache", "cache", routing.cache.cloud,
                CACHE_SERVICE[routing.cache.cloud] + (f" ({routing.cache.engine})" if routing.cache.cloud == "aws" else ""),
                ("routing", "cache"), "routing.cache")]


def _flow_uses(spec: Spec) -> list[Use]:
    out: list[Use] = []
    for i, flow in enumerate(spec.usage.flows if spec.usage else ()):
        if flow.by is None or flow.uses is None or flow.by not in spec.workloads:
            continue  # `outside`: priced, not a use (the spec rules refuse anything else)
        via = f"usage.flows[{i}] ({flow.purpose}: {flow.what})"
        model, store = spec.models.get(flow.uses), spec.data.get(flow.uses)
        if model is not None:
            out.append(Use(flow.by, "model", flow.uses, MODEL_CLOUD[model.provider],
                           f"{MODEL_SERVICE[model.provider]}, {model.model}", ("usage", "flows", i), via))
        elif store is not None:
            out.append(Use(flow.by, "data", flow.uses, store.cloud, STORE_SERVICE[store.kind], ("usage", "flows", i),
                           via))
    return out
