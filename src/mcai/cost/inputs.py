"""The estimator's inputs: small, explicit facts (where things run, what is provisioned, how much moves), read from a
valid spec by `from_spec`. Each cloud slice plugs in here; the estimator never reads the spec itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from mcai.cost.kinds import MODEL_CLOUD, Component
from mcai.cost.money import HOURS_PER_MONTH, WEEKS_PER_MONTH, Span, dec
from mcai.cost.network import network_components
from mcai.cost.retrieval import RetrievalInput
from mcai.diagnostics import Path
from mcai.spec import ValidSpec
from mcai.spec.accounts import account_stacks, element_stack, home_of, region_for
from mcai.spec.accounts_rules import element_of

Role = Literal["primary", "fallback", "spillover", "unrouted"]


@dataclass(frozen=True)
class Provisioned:
    """Reserved model capacity billed by the hour whatever the traffic."""

    kind: Literal["azure_ptu", "bedrock_model_units"]
    units: int
    sku: str  # azure: the deployment type (global_provisioned...); bedrock: the commitment (none, one_month...)


@dataclass(frozen=True)
class ModelInput:
    key: str
    provider: str  # bedrock | azure_openai | vertex
    model: str
    cloud: str
    role: Role
    spec_path: Path
    inference_profile: str | None = None
    provisioned: Provisioned | None = None
    spillover: str | None = None  # the model key that takes traffic above the provisioned capacity
    stack: str = ""  # the model's account (root stack): `aws-workloads`, or `aws` for a one-account cloud


@dataclass(frozen=True)
class CacheInput:
    cloud: str
    service: str
    engine: str
    node_type: str
    nodes: int
    hit_rate: float
    spec_path: Path
    stack: str = ""


@dataclass(frozen=True)
class Movement:
    """Data crossing from one cloud to another: monthly and/or once, over a path."""

    id: str
    what: str
    from_cloud: str
    to_cloud: str
    via: str
    purpose: str
    spec_path: Path
    gb_per_month: Span | None = None
    gb_once: Span | None = None
    volume_note: str = ""  # how the monthly volume was derived (e.g. weekly x 4)
    needs_usage: bool = False  # a volume the spec does not give (e.g. a training store without size_gb)
    from_stack: str = ""  # the sending account (root stack); "" when no element of the spec sends it (home account)


@dataclass(frozen=True)
class LinkInput:
    """A private link between two clouds (declared by the links slice); its fixed fees are link components."""

    index: int
    between: tuple[str, str]
    via: str
    bandwidth_mbps: int | None
    spec_path: Path
    dx_connection: str | None = None  # AWS side of expressroute/interconnect links: hosted or dedicated
    dx_bandwidth: str | None = None  # its port speed string, e.g. "1Gbps"
    interconnect_type: str | None = None  # GCP side: partner, dedicated or cross_cloud
    attachments: int = 1  # GCP VLAN attachments (one per edge availability domain for partner)
    vpn_fallback: bool = False  # an HA VPN fallback path is rendered next to the private link
    azure_vpn_gateway: bool = False  # this link renders the VNet's one VPN gateway (links to Azure share it)


@dataclass(frozen=True)
class EstimateInput:
    router_cloud: str | None
    models: tuple[ModelInput, ...]
    cache: CacheInput | None
    requests: Span | None
    prompt_kb: Span | None
    response_kb: Span | None
    input_tokens: Span | None
    output_tokens: Span | None
    movements: tuple[Movement, ...] = ()
    links: tuple[LinkInput, ...] = ()
    components: tuple[Component, ...] = ()
    retrieval: tuple[RetrievalInput, ...] = ()
    router_stack: str = ""
    home_stacks: tuple[tuple[str, str], ...] = ()  # (cloud, its home account's stack): what no element owns
    stacks: tuple[str, ...] = ()  # every account's stack, in the topology's order (each gets a subtotal, even $0)
    stack_regions: tuple[tuple[str, str], ...] = ()  # (stack, its account's region or Azure location)

    def region(self, stack: str, cloud: str) -> str | None:
        """The region of an account's stack; of the cloud's home account when no stack is named."""
        return dict(self.stack_regions).get(stack or dict(self.home_stacks).get(cloud, ""))

    def path_between(self, a: str, b: str) -> str:
        """The path traffic between two clouds takes: the declared link, else the internet."""
        for link in self.links:
            if set(link.between) == {a, b}:
                return link.via
        return "internet"


def _span(value: Any) -> Span | None:
    return None if value is None else Span.of(value)


def from_spec(vspec: ValidSpec) -> EstimateInput:
    spec = vspec.spec
    routing = spec.routing
    chain = tuple(routing.chain) if routing else ()
    router = spec.workloads.get(routing.router) if routing else None
    usage = spec.usage
    links = tuple(_links(spec))
    spill = {getattr(m, "spillover", None) for k, m in spec.models.items() if chain and k == chain[0]} - {None}
    models = tuple(_model(key, m, _role(key, chain, spill), _stack(spec, MODEL_CLOUD[m.provider], m))
                   for key, m in sorted(spec.models.items()))
    partial = EstimateInput(
        router_stack=_stack(spec, router.runs_on.cloud, router) if router else "",
        home_stacks=tuple((cloud, stack) for stack, cloud, account in account_stacks(spec.clouds)
                          if account == home_of(getattr(spec.clouds, cloud))),
        stacks=tuple(stack for stack, _, _ in account_stacks(spec.clouds)),
        stack_regions=tuple((stack, region_for(getattr(spec.clouds, cloud), cloud, account) or "")
                            for stack, cloud, account in account_stacks(spec.clouds)),
        router_cloud=router.runs_on.cloud if router else None, models=models, cache=_cache(spec, routing),
        requests=_span(usage.requests_per_month) if usage else None,
        prompt_kb=_span(usage.prompt_kb) if usage else None, response_kb=_span(usage.response_kb) if usage else None,
        input_tokens=_span(usage.input_tokens) if usage else None,
        output_tokens=_span(usage.output_tokens) if usage else None, links=links, components=tuple(_components(spec)) + _network(spec))
    movements = [*_flows(spec, partial), *_training(spec, partial), *_documents_moved(spec, partial)]
    return EstimateInput(**{**partial.__dict__, "movements": tuple(movements),
                            "retrieval": tuple(_retrieval(spec, partial))})


def _retrieval(spec: Any, inp: EstimateInput) -> list[RetrievalInput]:
    from mcai.spec.retrieval import EMBEDDING_PROVIDER, RetrievalStore, dimensions_of

    out = []
    for key, store in sorted(spec.data.items()):
        if not isinstance(store, RetrievalStore):
            continue
        cloud = store.cloud  # type: ignore[attr-defined]
        corpus = store.corpus
        queries = _span(store.queries_per_month) if store.queries_per_month is not None else inp.requests
        out.append(RetrievalInput(
            key=key, provider=EMBEDDING_PROVIDER[cloud], model=store.embedding.model,
            dimensions=dimensions_of(store, cloud), chunk_tokens=store.chunk_tokens,
            vector_store=getattr(store, "vector_store", cloud), corpus_tokens=_span(corpus.million_tokens) if corpus
            else None, reembeds_per_month=dec(corpus.reembeds_per_month) if corpus else dec(0), queries=queries,
            spec_path=("data", key), cloud=cloud, stack=_stack(spec, cloud, store)))
    return out


def _documents_moved(spec: Any, inp: EstimateInput) -> list[Movement]:
    """Documents copied to a retrieval store in another cloud (an acknowledged move): the corpus once."""
    from mcai.spec.retrieval import RetrievalStore

    out = []
    for key, store in sorted(spec.data.items()):
        docs = spec.data.get(getattr(store, "documents", None) or "")
        if not isinstance(store, RetrievalStore) or docs is None or docs.cloud == store.cloud:  # type: ignore[attr-defined]
            continue
        size = getattr(docs, "size_gb", None)
        to = store.cloud  # type: ignore[attr-defined]
        out.append(Movement(
            id=f"retrieval.{key}", what=f"documents '{store.documents}' copied to retrieval store '{key}' (one-time)",
            from_cloud=docs.cloud, to_cloud=to, via=inp.path_between(docs.cloud, to), purpose="embedding",
            spec_path=("data", key, "documents"), gb_once=_span(size), needs_usage=size is None,
            from_stack=_stack(spec, docs.cloud, docs)))
    return out


def _role(key: str, chain: tuple[str, ...], spill: set[str]) -> Role:
    if chain and key == chain[0]:
        return "primary"
    if key in chain:
        return "fallback"
    return "spillover" if key in spill else "unrouted"


def _stack(spec: Any, cloud: str, element: Any) -> str:
    return element_stack(spec.clouds, cloud, element)


def _model(key: str, m: Any, role: Role, stack: str) -> ModelInput:
    provisioned = None
    if m.provider == "azure_openai" and m.deployment.ptu is not None:
        provisioned = Provisioned("azure_ptu", m.deployment.ptu, m.deployment.type)
    elif m.provider == "bedrock" and m.provisioned is not None:
        provisioned = Provisioned("bedrock_model_units", m.provisioned.model_units, m.provisioned.commitment)
    return ModelInput(key=key, provider=m.provider, model=m.model, cloud=MODEL_CLOUD[m.provider], role=role,
                      spec_path=("models", key), inference_profile=getattr(m, "inference_profile", None),
                      provisioned=provisioned, spillover=getattr(m, "spillover", None), stack=stack)


def _cache(spec: Any, routing: Any) -> CacheInput | None:
    c = routing.cache if routing else None
    if c is None:
        return None
    # Price ids: cache.<service>.<engine>.<node type or SKU>, per node-hour (catalog.py).
    service = {"aws": "elasticache", "azure": "managed_redis", "gcp": "memorystore"}[c.cloud]
    return CacheInput(cloud=c.cloud, service=service, engine=c.engine, node_type=c.node_type,
                      nodes=1 + c.replicas, hit_rate=c.expected_hit_rate, spec_path=("routing", "cache"),
                      stack=_stack(spec, c.cloud, c))


def _links(spec: Any) -> list[LinkInput]:
    # Links arrive with the cross-cloud links slice: a list of {between: [a, b], via, bandwidth_mbps}.
    out = []
    links = tuple(getattr(spec, "links", None) or ())
    vpn = [i for i, link in enumerate(links) if "azure" in link.between and (
        link.via == "ha_vpn" or link.fallback.via == "ha_vpn")]
    # the AWS VPN's link owns the gateway when there is one (topology.links_peers), else the Azure <-> GCP link
    owner = next((i for i in vpn if "aws" in links[i].between), vpn[0] if vpn else None)
    for i, link in enumerate(links):
        private = link.via != "ha_vpn"
        dx = link.direct_connect if link.direct_connect is not None else None
        ic = link.interconnect
        to_gcp = link.via == "interconnect" or (private and "gcp" in link.between)  # Azure <-> GCP: partner
        direct_connect = private and "aws" in link.between
        out.append(LinkInput(
            i, tuple(link.between), link.via, link.bandwidth_mbps, ("links", i),
            dx_connection=(dx.connection if dx else "hosted") if direct_connect else None,
            dx_bandwidth=(dx.bandwidth if dx else "1Gbps") if direct_connect else None,
            interconnect_type=(ic.type if ic else "partner") if to_gcp else None,
            # a partner link renders one attachment per edge availability domain (both by default)
            attachments=(len(set(ic.edge_availability_domains)) if ic else 2) if (ic is None or ic.type == "partner")
            else 1,
            vpn_fallback=private and link.fallback.via == "ha_vpn", azure_vpn_gateway=i == owner))
    return out


def _network(spec: Any) -> tuple[Component, ...]:
    return tuple(network_components(spec))


def _components(spec: Any) -> list[Component]:
    """Capacity billed by the hour that the spec creates; quantities mcai cannot know (OCUs scale with load) are left
    to usage, and prices no source gives stay "price not found" (counted in the headline, never guessed)."""
    out = []
    for key, store in sorted(spec.data.items()):
        if store.kind == "opensearch_serverless":
            replicas = "with" if store.standby_replicas else "without"
            out.append(Component(
                f"data.{key}.ocu", "data", f"OpenSearch Serverless collection '{key}' ({replicas} standby replicas): "
                "OCU-hours (indexing + search, scaled by load)", "store.opensearch_serverless.ocu", None, "OCU-hours",
                "per OCU-hour", ("data", key), "aws"))
        if store.kind == "vertex_vector_search":
            out.append(Component(
                f"data.{key}.nodes", "data", f"Vertex AI Vector Search '{key}': node-hours of the deployed index "
                f"({store.min_replicas} to {store.max_replicas} x {store.machine_type}, {store.shard_size} shards)",
                "store.vertex_vector_search.node",
                Span(store.min_replicas * HOURS_PER_MONTH, store.max_replicas * HOURS_PER_MONTH), "node-hours",
                "per node-hour", ("data", key), "gcp", _stack(spec, "gcp", store)))
        if store.kind == "azure_ai_search":
            units = store.replicas * store.partitions
            out.append(Component(
                f"data.{key}.search_units", "data", f"Azure AI Search '{key}': {units} search unit(s) of {store.sku} "
                f"({store.replicas} replica(s) x {store.partitions} partition(s)), billed by the hour",
                f"store.azure_ai_search.{store.sku}", Span.of(units * HOURS_PER_MONTH), "SU-hours",
                "per search unit-hour", ("data", key), "azure", _stack(spec, "azure", store)))
    audit = getattr(spec, "audit", None)
    if audit is not None and audit.land_in == "control_plane" and spec.control_plane == "azure" and \
            (spec.clouds.aws is not None or spec.clouds.gcp is not None):
        # Sentinel bills analysis per GB of everything the workspace ingests once onboarded, not only the landing
        out.append(Component(
            "data.audit.sentinel", "data", "Microsoft Sentinel on the azure stack's Log Analytics workspace: analysis "
            "of every GB it ingests (the landed AWS and GCP audit logs and the diagnostic logs already there), "
            "volume set by usage", "log.sentinel.analysis", None, "GB", "per GB", ("audit", "land_in"), "azure"))
    for key, m in sorted(spec.models.items()):
        if getattr(m, "endpoint", None) is not None:
            out.append(Component(
                f"inference.{key}.endpoint", "inference", f"{key}: Vertex AI endpoint serving the tuned model "
                "(node-hours of the deployed model)", "endpoint.vertex.node", None, "node-hours", "per node-hour",
                ("models", key, "endpoint"), "gcp", _stack(spec, "gcp", m)))
    return out


def _flows(spec: Any, inp: EstimateInput) -> list[Movement]:
    out = []
    for i, f in enumerate(spec.usage.flows if spec.usage else ()):
        monthly, note = _span(f.gb_per_month), ""
        if f.gb_per_week is not None:
            weekly = Span.of(f.gb_per_week)
            monthly = weekly * WEEKS_PER_MONTH
            note = f"{_num(weekly)} GB/week x {WEEKS_PER_MONTH} weeks"
        out.append(Movement(
            id=f"flow.{i}", what=f.what, from_cloud=f.from_, to_cloud=f.to,
            via=f.via or inp.path_between(f.from_, f.to), purpose=f.purpose, spec_path=("usage", "flows", i),
            gb_per_month=monthly, gb_once=_span(f.gb_once), volume_note=note, from_stack=_sender(spec, f)))
    return out


def _training(spec: Any, inp: EstimateInput) -> list[Movement]:
    """Training that reads a data store in another cloud moves the store once (the article's 10 TB example)."""
    out = []
    for key, m in sorted(spec.models.items()):
        training = getattr(m, "training", None)
        if training is None:
            continue
        for store_key in training.data:
            store = spec.data.get(store_key)
            if store is None or store.cloud == training.runs_in:
                continue
            size = getattr(store, "size_gb", None)
            out.append(Movement(
                id=f"training.{key}.{store_key}", what=f"training data '{store_key}' for model '{key}' (one-time)",
                from_cloud=store.cloud, to_cloud=training.runs_in,
                via=inp.path_between(store.cloud, training.runs_in), purpose="training",
                spec_path=("models", key, "training"), gb_once=_span(size), needs_usage=size is None,
                from_stack=_stack(spec, store.cloud, store)))
    return out


def _sender(spec: Any, flow: Any) -> str:
    """The account a flow leaves from: its workload's or used element's, when that is in the sending cloud."""
    for key in (flow.by, flow.uses):
        found = element_of(spec, key) if key else None
        if found is not None and found[0] == flow.from_:
            return _stack(spec, found[0], found[1])
    return ""


def _num(span: Span) -> str:
    from mcai.cost.money import qty

    return qty(span)
