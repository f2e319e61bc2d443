"""Rules across the spec that a schema cannot express: references, required companions, conflicts.

Each rule is a small function yielding `(path, message)`; `check` runs them all so every problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mcai.spec.cache import cache_problems
from mcai.spec.errors import suggest
from mcai.spec.models import Spec
from mcai.spec.usage import Flow

Finding = tuple[tuple[str | int, ...], str]
Rule = Callable[[Spec], Iterator[Finding]]

RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def declared_clouds(spec: Spec) -> list[str]:
    return [name for name in ("aws", "azure", "gcp") if getattr(spec.clouds, name, None) is not None]


def _undeclared(cloud: str, spec: Spec) -> str:
    have = declared_clouds(spec)
    listed = ", ".join(have) if have else "none"
    return f"cloud '{cloud}' is not declared under 'clouds' (declared: {listed})"


def _unknown(kind: str, name: str, known: list[str]) -> str:
    listed = ", ".join(sorted(known)) if known else "none declared"
    return f"unknown {kind} '{name}'{suggest(name, known)} (known: {listed})"


@rule
def control_plane_is_declared(spec: Spec) -> Iterator[Finding]:
    if spec.control_plane not in declared_clouds(spec):
        yield ("control_plane",), _undeclared(spec.control_plane, spec)


@rule
def unguarded_only_without_a_guardrail(spec: Spec) -> Iterator[Finding]:
    for name, model in spec.models.items():
        if model.provider == "bedrock" and model.unguarded is not None and model.guardrail is not None:
            yield ("models", name, "unguarded"), "a model with its own 'guardrail' cannot also be 'unguarded'"


@rule
def at_least_one_cloud(spec: Spec) -> Iterator[Finding]:
    if not declared_clouds(spec):
        yield ("clouds",), "declare at least one cloud (aws, azure or gcp)"


@rule
def workloads_run_on_declared_clouds(spec: Spec) -> Iterator[Finding]:
    for name, workload in spec.workloads.items():
        runtime = workload.runs_on
        if runtime.cloud not in declared_clouds(spec):
            yield ("workloads", name, "runs_on", "cloud"), _undeclared(runtime.cloud, spec)
        if runtime.kind == "eks" and runtime.aws_identity == "irsa" and runtime.oidc_issuer is None:
            yield ("workloads", name, "runs_on"), "aws_identity 'irsa' needs 'oidc_issuer' (the cluster's OIDC issuer)"


# The cloud each model provider lives in.
PROVIDER_CLOUD = {"bedrock": "aws", "azure_openai": "azure", "vertex": "gcp"}


@rule
def models_have_their_cloud(spec: Spec) -> Iterator[Finding]:
    for name, model in spec.models.items():
        cloud = PROVIDER_CLOUD[model.provider]
        if cloud not in declared_clouds(spec):
            yield ("models", name, "provider"), f"provider '{model.provider}' needs {_undeclared(cloud, spec)}"


@rule
def bedrock_provisioned_is_regional(spec: Spec) -> Iterator[Finding]:
    for name, model in spec.models.items():
        if model.provider == "bedrock" and model.provisioned and model.inference_profile:
            yield (("models", name, "provisioned"),
                   "provisioned throughput is bought for a model in the stack's region; it cannot be combined with "
                   "an inference_profile")


@rule
def routing_references_exist(spec: Spec) -> Iterator[Finding]:
    routing = spec.routing
    if routing is None:
        return
    if routing.router not in spec.workloads:
        yield ("routing", "router"), _unknown("workload", routing.router, list(spec.workloads))
    seen: set[str] = set()
    for i, model in enumerate(routing.chain):
        if model not in spec.models:
            yield ("routing", "chain", i), _unknown("model", model, list(spec.models))
        if model in seen:
            yield ("routing", "chain", i), f"model '{model}' appears twice in the chain"
        seen.add(model)
    if routing.cache and routing.cache.cloud not in declared_clouds(spec):
        yield ("routing", "cache", "cloud"), _undeclared(routing.cache.cloud, spec)
    if routing.cache:
        yield from ((("routing", "cache", *where), message) for where, message in cache_problems(routing.cache))


@rule
def data_stores_are_placed(spec: Spec) -> Iterator[Finding]:
    for name, store in spec.data.items():
        if store.cloud not in declared_clouds(spec):
            yield ("data", name, "cloud"), _undeclared(store.cloud, spec)
        for i, user in enumerate(getattr(store, "used_by", None) or ()):
            if user not in spec.workloads:
                yield ("data", name, "used_by", i), _unknown("workload", user, list(spec.workloads))
        if getattr(store, "used_by", None) is None and store.kind in ("s3", "opensearch_serverless",
                                                                      "bedrock_knowledge_base",
                                                                      "azure_ai_search", "vertex_vector_search") \
                and spec.routing is None:
            yield ("data", name), "say which workloads use it ('used_by'), or declare 'routing' so the router does"


@rule
def flows_cross_clouds_with_a_volume(spec: Spec) -> Iterator[Finding]:
    for i, flow in enumerate(spec.usage.flows if spec.usage else ()):
        path = ("usage", "flows", i)
        if flow.from_ == flow.to:
            yield path + ("to",), f"a flow moves data between two clouds; 'from' and 'to' are both '{flow.to}'"
        if flow.gb_per_month is None and flow.gb_per_week is None and flow.gb_once is None:
            yield path, "give the volume: gb_per_month, gb_per_week or gb_once"
        if flow.gb_per_month is not None and flow.gb_per_week is not None:
            yield path + ("gb_per_week",), "give gb_per_month or gb_per_week, not both"
        yield from _flow_is_a_use(spec, flow, path)


def _flow_is_a_use(spec: Spec, flow: Flow, path: tuple[str | int, ...]) -> Iterator[Finding]:
    """A flow is a use (a workload moving data to or from something in another cloud), or says why it is not."""
    if flow.by is None and flow.uses is None:
        if flow.outside is None:
            yield path, ("a flow is a use: name the workload that moves the data ('by') and the data store or model "
                         "it reads or calls in the other cloud ('uses'), or say why that end is not in this spec "
                         "('outside: <reason>')")
        return
    if flow.outside is not None:
        yield path + ("outside",), "give 'by' and 'uses', or 'outside', not both"
    for field, value in (("by", flow.by), ("uses", flow.uses)):
        if value is None:
            yield path, f"give both 'by' and 'uses' ('{field}' is missing)"
    workload = spec.workloads.get(flow.by) if flow.by else None
    if flow.by and workload is None:
        yield path + ("by",), _unknown("workload", flow.by, list(spec.workloads))
    target = spec.data.get(flow.uses) or spec.models.get(flow.uses) if flow.uses else None
    if flow.uses and target is None:
        yield path + ("uses",), _unknown("data store or model", flow.uses, [*spec.data, *spec.models])
    if workload is None or target is None:
        return
    there = getattr(target, "cloud", None) or PROVIDER_CLOUD[target.provider]  # type: ignore[union-attr]
    home = workload.runs_on.cloud
    if {home, there} != {flow.from_, flow.to}:
        yield path, (f"the flow moves data between {flow.from_} and {flow.to}, but '{flow.by}' runs on {home} and "
                     f"'{flow.uses}' is on {there}: the use must join the clouds the data moves between")


def check(spec: Spec) -> list[Finding]:
    """Every rule finding, in rule order."""
    out: list[Finding] = []
    for fn in RULES:
        out.extend(fn(spec))
    return out


@rule
def acknowledged_ids_exist(spec: Spec) -> Iterator[Finding]:
    from mcai.finding_ids import ids

    known = ids()
    for i, ack in enumerate(spec.acknowledgements):
        if ack.id not in known:
            yield ("acknowledgements", i, "id"), f"unknown finding id '{ack.id}'{suggest(ack.id, known)} " \
                "(`mcai explain` lists them)"
