"""The router's LiteLLM proxy configuration, a view of the model and cache use paths: one `model_list` entry per
model the router calls (routing chain with each spillover right after its primary, the order the paths derive),
`fallbacks` in that order, the response cache with IAM authentication, the Bedrock knowledge bases the router queries (LiteLLM's vector store
registry), one correlation header on every provider call (`correlation`), and no credential field anywhere: every
provider authenticates with the workload's federated identity (Pod Identity/IRSA for Bedrock, Entra ID workload
identity for Azure OpenAI, GCP's external_account file for Vertex AI)."""

from __future__ import annotations

from typing import Any

from mcai.handoff import correlation
from mcai.handoff.model import AfterApply, stack_of
from mcai.paths import Use, UsePath
from mcai.paths.across import crossed, other_project
from mcai.spec.models import Spec
from mcai.topology.accounts import focus
from mcai.topology.model import Stack, Topology

CACHE_PORT = 6379
AZURE_API_VERSION = "v1"
"""Azure OpenAI's versionless v1 API (LiteLLM routes it to /openai/v1/): no dated preview to age."""


def model_order(paths: tuple[UsePath, ...]) -> list[str]:
    """The models the router calls, in the order it should try them: the routing chain's uses (a flow's model, such
    as a re-embedding job's, is not the router's to route)."""
    return [p.use.target for p in paths if p.use.kind == "model" and p.use.spec_path[:2] != ("usage", "flows")]


def fallbacks(order: list[str]) -> list[dict[str, list[str]]]:
    """Each model falls back to every model after it."""
    return [{key: order[i + 1:]} for i, key in enumerate(order[:-1])]


def router_config(spec: Spec, topology: Topology, paths: tuple[UsePath, ...]) -> dict[str, Any] | None:
    order = model_order(paths)
    if not order:
        return None
    router = paths[0].use.workload  # the routing chain's uses are the router's
    spec, topology = focus(spec, topology, spec.workloads[router].runs_on.cloud, spec.workloads[router], router)
    uses = {p.use.target: p.use for p in paths if p.use.kind == "model"}
    config: dict[str, Any] = {"model_list": [_entry(spec, topology, key, uses[key]) for key in order]}
    if len(order) > 1:
        config["router_settings"] = {"fallbacks": fallbacks(order)}
    stores = _vector_stores(spec, topology, paths)
    if stores:
        config["vector_store_registry"] = stores
    settings: dict[str, Any] = correlation.settings(any(spec.models[k].provider == "bedrock" for k in order))
    if any(spec.models[k].provider == "azure_openai" for k in order):
        settings["enable_azure_ad_token_refresh"] = True  # Entra ID token from the workload identity, never a key
    cache = next((p for p in paths if p.use.kind == "cache"), None)
    # LiteLLM's Redis client has IAM auth for ElastiCache only; an Azure Managed Redis (Entra ID token) or a
    # Memorystore (IAM token) cache gets no block rather than a password field (its path is in the report).
    if cache is not None and cache.use.target_cloud == "aws":
        settings["cache"] = True
        settings["cache_params"] = _cache(spec, topology)
    config["litellm_settings"] = settings
    return config


def _entry(spec: Spec, topology: Topology, key: str, use: Use) -> dict[str, Any]:
    model = spec.models[key]
    params: dict[str, Any]
    if model.provider == "azure_openai":
        account = topology.call("azure", "openai")
        assert account is not None
        params = {"model": f"azure/{account.inputs['deployments'][key]['name']}",
                  "api_base": f"https://{account.inputs['name']}.openai.azure.com/", "api_version": AZURE_API_VERSION}
    elif model.provider == "bedrock":
        params = _bedrock(spec, topology, key, use)
    else:
        params = _vertex(spec, key, other_project(spec, topology, use))
    return {"model_name": key, "litellm_params": params}


def _bedrock(spec: Spec, topology: Topology, key: str, use: Use) -> dict[str, Any]:
    """A Bedrock model; one in another account of the estate is called as the role the router assumes there
    (LiteLLM's `aws_role_name` + `aws_session_name`: sts:AssumeRole from the pod's own role, no key), and its
    guardrail and provisioned ARNs are read from that account's stack."""
    model = spec.models[key]
    aws = spec.clouds.aws
    assert aws is not None and model.provider == "bedrock"
    profile = model.inference_profile
    model_id = f"{profile}.{model.model}" if profile else model.model
    params: dict[str, Any] = {"model": f"bedrock/{model_id}", "aws_region_name": aws.region}
    stack = stack_of(topology, "aws")
    crossing = crossed(spec, topology, use)
    if crossing is not None:
        stack = crossing.stack.name
        params["aws_region_name"] = crossing.region
        params["aws_role_name"] = crossing.role_arn
        params["aws_session_name"] = use.workload
    if model.provisioned is not None:  # the purchased model units are called by their ARN
        params["model_id"] = AfterApply(stack, "bedrock_provisioned_model_arns", (key,))
    if model.guardrail is not None:  # IAM refuses calls without the guardrail (bedrock:GuardrailIdentifier)
        params["guardrailConfig"] = {
            "guardrailIdentifier": AfterApply(stack, "bedrock_guardrails", (key, "arn")),
            "guardrailVersion": AfterApply(stack, "bedrock_guardrails", (key, "version"))}
    return params


def _vertex(spec: Spec, key: str, project: Stack | None) -> dict[str, Any]:
    """A Vertex AI model, in the router's own project or (`project`) another one of the estate, which grants the
    router's own principal there: called with that project and its region."""
    model = spec.models[key]
    gcp = spec.clouds.gcp
    assert gcp is not None and model.provider == "vertex"
    target = model.endpoint.name if model.endpoint is not None else model.model
    project_id, region = (project.account, project.provider_settings["region"]) if project else (gcp.project_id,
                                                                                                 gcp.region)
    return {"model": f"vertex_ai/{target}", "vertex_project": project_id, "vertex_location": model.region or region}


def _cache(spec: Spec, topology: Topology) -> dict[str, Any]:
    cache = topology.call("aws", "response_cache")
    aws = spec.clouds.aws
    assert cache is not None and aws is not None
    return {"type": "redis", "host": AfterApply(stack_of(topology, "aws"), "response_cache_endpoint"), "port": CACHE_PORT, "ssl": True,
            "aws_iam_auth": True, "aws_iam_user_name": cache.inputs["iam_user_id"],
            "aws_iam_cache_name": cache.inputs["replication_group_id"], "aws_iam_region": aws.region}


def _vector_stores(spec: Spec, topology: Topology, paths: tuple[UsePath, ...]) -> list[dict[str, Any]]:
    """LiteLLM's `vector_store_registry`: each Bedrock knowledge base the router's proven uses query, by its id from
    the aws stack's outputs (a request names it in a `file_search` tool's `vector_store_ids`)."""
    router = spec.routing.router if spec.routing else None
    aws = spec.clouds.aws
    out: list[dict[str, Any]] = []
    for path in paths:
        store = spec.data.get(path.use.target) if path.use.kind == "data" else None
        if path.use.workload != router or store is None or store.kind != "bedrock_knowledge_base":
            continue
        assert aws is not None
        output = f"data_{path.use.target.replace('-', '_')}_knowledge_base_id"
        stack = stack_of(topology, "aws")  # the account the router's AWS uses are in
        assert any(o.name == output for o in topology.stack(stack).outputs), output
        out.append({"vector_store_name": path.use.target,
                    "litellm_params": {"vector_store_id": AfterApply(stack, output),
                                       "custom_llm_provider": "bedrock", "aws_region_name": aws.region}})
    return out
