"""The seed article's rules for affordable multi-cloud AI, as findings over the topology, the spec and the estimate.

Each rule names the article's principle it checks; cost impacts come from the estimate's lines (never guessed).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from mcai.cost.estimate import private_path_monthly
from mcai.cost.lines import Estimate, Line
from mcai.cost.money import Span, cents, usd_span
from mcai.findings import cost_rule, finding
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.spec.accounts import each_account
from mcai.topology.model import Expr, Topology

MODEL_CLOUD = {"bedrock": "aws", "azure_openai": "azure", "vertex": "gcp"}
# "Only the final prompt (2-8 KB) crosses to Azure": context at the top of that range or above is large.
LARGE_CONTEXT_KB = Decimal(8)


def _impact(cost: Span | None) -> str | None:
    return None if cost is None else format(cents(cost.high), "f")


def _router_cloud(vspec: ValidSpec) -> str | None:
    routing = vspec.spec.routing
    workload = vspec.spec.workloads.get(routing.router) if routing else None
    return workload.runs_on.cloud if workload else None


@cost_rule
def inference_far_from_model(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    """Principle 1, inference close to the model: send minimal context across the boundary."""
    usage = vspec.spec.usage
    requests = next((ln for ln in est.lines if ln.id.startswith("egress.requests.")), None)
    if requests is None or usage is None or usage.prompt_kb is None:
        return
    prompt = Span.of(usage.prompt_kb)
    if prompt.high < LARGE_CONTEXT_KB:
        return
    yield finding(vspec, "inference-far-from-model", "warning",
                  f"{_kb(prompt)} KB of context per request crosses {_pair(requests)} to reach the model: "
                  f"{_cost_text(requests)}. Retrieve and assemble the prompt next to the data, compress it, and send "
                  "only the final prompt (the article's 2-8 KB), or run inference where the data lives.",
                  ("usage", "prompt_kb"), _impact(requests.cost))


@cost_rule
def training_far_from_data(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    """Principle 2, training close to the data: do not pay to move 10 TB to another cloud."""
    for ln in est.lines:
        if not (ln.id.startswith("egress.training.") or (ln.id.startswith("egress.flow.") and _purpose(vspec, ln)
                                                          == "training")):
            continue
        once = ln.recurrence == "one_time"
        cost = "depends on the data size (set size_gb)" if ln.cost is None and ln.status == "depends_on_usage" \
            else _cost_text(ln) + (" one-time" if once else "")
        yield finding(vspec, "training-far-from-data", "warning",
                      f"training data moves {_pair(ln)} ({ln.description.split(':')[0]}): {cost}. Train where the data lives "
                      "(e.g. Vertex AI next to BigQuery) instead of copying it to another cloud.",
                      ln.spec_path, None if once else _impact(ln.cost))


@cost_rule
def embeddings_away_from_vector_store(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    """Principle 3, embeddings close to the vector store."""
    spec = vspec.spec
    for i, flow in enumerate(spec.usage.flows if spec.usage else ()):
        if flow.purpose != "embedding":
            continue
        ln = est.line(f"egress.flow.{i}")
        yield finding(vspec, "embeddings-away-from-vector-store", "warning",
                      f"documents travel {flow.from_} -> {flow.to} to be embedded ({flow.what})"
                      f"{': ' + _cost_text(ln) if ln else ''}. Generate embeddings in the cloud where the vector "
                      "store lives (e.g. a Bedrock embedding model next to OpenSearch).",
                      ("usage", "flows", i), _impact(ln.cost) if ln else None)
    stores = {k: s for k, s in spec.data.items() if s.kind == "opensearch_serverless"}
    for key, store in sorted(stores.items()):
        for user in getattr(store, "used_by", None) or ():
            w = spec.workloads.get(user)
            if w is not None and w.runs_on.cloud != store.cloud:
                yield finding(vspec, "embeddings-away-from-vector-store", "warning",
                              f"workload '{user}' runs on {w.runs_on.cloud} but writes and reads vector store "
                              f"'{key}' on {store.cloud}: every embedding and query crosses clouds.",
                              ("data", key, "used_by"))


@cost_rule
def no_cache_at_boundary(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    """Principle 4, cache aggressively at cloud boundaries."""
    spec = vspec.spec
    router = _router_cloud(vspec)
    if spec.routing is None or router is None:
        return
    far = [k for k in spec.routing.chain if k in spec.models and MODEL_CLOUD[spec.models[k].provider] != router]
    if not far:
        return
    cache = spec.routing.cache
    if cache is not None and cache.cloud == router and cache.expected_hit_rate > 0:
        return
    why = "no response cache" if cache is None else \
        f"the cache is on {cache.cloud}, not at the router's side ({router})" if cache.cloud != router else \
        "the cache expects no hits (expected_hit_rate 0)"
    yield finding(vspec, "no-cache-at-boundary", "warning",
                  f"model calls cross from {router} to another cloud ({', '.join(far)}) with {why}. A response cache "
                  f"in {router} that answers repeated prompts saves 15-30% of both egress and inference (article); "
                  "set routing.cache and its expected_hit_rate to see the saving.",
                  ("routing", "cache") if cache else ("routing",))


@cost_rule
def internet_path_where_private_is_better(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    """Cross-cloud traffic over the internet where a private path exists, or would be cheaper at this volume."""
    if est.catalog is None:
        return
    spec = vspec.spec
    private = {frozenset(getattr(link, "between", ())) for link in getattr(spec, "links", None) or ()}
    private |= {frozenset({f.from_, f.to}) for f in (spec.usage.flows if spec.usage else ())
                if f.via not in (None, "internet")}
    for ln in est.lines:
        if ln.route is None or ln.route[2] != "internet" or ln.recurrence != "monthly" or ln.quantity is None \
                or ln.cost is None:
            continue
        src, dst, _ = ln.route
        exists = frozenset({src, dst}) in private
        alt = private_path_monthly(est.catalog, src, dst, ln.quantity, with_link=not exists)
        if alt is None or alt[1].high >= ln.cost.low:
            if exists:  # a private path exists but its price is unknown: still worth saying
                yield finding(vspec, "internet-path-where-private-link", "warning",
                              f"{ln.description}: a private path between {src} and {dst} is declared but this "
                              f"traffic goes over the internet ({_cost_text(ln)}).", ln.spec_path)
            continue
        via, cost = alt
        saving = Span(ln.cost.low - cost.high, ln.cost.high - cost.low)
        what = f"the declared {via} path" if exists else f"a {via} path (including its fixed fees)"
        yield finding(vspec, "internet-path-where-private-link", "warning",
                      f"{ln.description}: {_cost_text(ln)} over the internet; {what} would cost {usd_span(cost)} a "
                      f"month at this volume.", ln.spec_path, _impact(saving))


@cost_rule
def more_than_one_control_plane(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    """Rule 2 of 'avoiding the complexity spiral': one cloud owns state, CI and monitoring."""
    plane = vspec.spec.control_plane
    backend_cloud = {"s3": "aws", "azurerm": "azure", "gcs": "gcp"}
    for stack in topology.stacks:
        where = backend_cloud.get(stack.backend.type, plane)
        if where != plane:
            yield finding(vspec, "more-than-one-control-plane", "warning",
                          f"stack '{stack.name}' keeps its Terraform state in {where}, not in the control plane "
                          f"({plane}).", ("control_plane",))
    for base, aws in each_account(vspec.spec.clouds.aws, "aws"):  # every named account's logging, too
        logging = aws.bedrock.invocation_logging
        if logging is not None and (logging.cloudwatch or logging.s3) and plane != "aws":
            yield finding(vspec, "more-than-one-control-plane", "warning",
                          f"Bedrock invocation logs go to CloudWatch/S3 in aws while the control plane is {plane}: "
                          f"monitoring spreads across clouds. Ship them to {plane}'s monitoring (or make aws the "
                          "control plane).", base + ("bedrock", "invocation_logging"))
    for key, model in sorted(vspec.spec.models.items()):
        endpoint = getattr(model, "endpoint", None)
        if endpoint is not None and endpoint.logging is not None and plane != "gcp":
            yield finding(vspec, "more-than-one-control-plane", "warning",
                          f"model '{key}' logs requests to BigQuery in gcp while the control plane is {plane}: "
                          "monitoring spreads across clouds.", ("models", key, "endpoint", "logging"))


@cost_rule
def no_fallback_for_primary(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    routing = vspec.spec.routing
    if routing is None or len(routing.chain) != 1:
        return
    yield finding(vspec, "no-fallback-model", "warning",
                  f"model '{routing.chain[0]}' has no fallback: when it is unavailable or throttled every request "
                  "fails. Add a second model to routing.chain (the article falls back to Bedrock Claude).",
                  ("routing", "chain"))


# Resources that mint long-lived secrets; mcai must never emit them (federation and managed identities only).
LONG_LIVED = {"aws_iam_access_key", "aws_iam_user_login_profile", "azuread_application_password",
              "azuread_service_principal_password", "google_service_account_key", "azurerm_cognitive_account_key"}
SECRET_INPUTS = ("access_key", "secret_key", "client_secret", "private_key", "password", "api_key")


@cost_rule
def long_lived_credential(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    """Must be impossible by construction; the rule guards the construction."""
    for stack in topology.stacks:
        for module in stack.modules:
            for r in module.resources:
                if r.type in LONG_LIVED:
                    yield finding(vspec, "long-lived-credential", "error",
                                  f"stack '{stack.name}' module '{module.label}' creates {r.type}.{r.address}, a "
                                  "long-lived credential; use workload identity federation.", module.spec_path)
            for key, value in sorted(_flatten(module.inputs)):
                if any(s in key.lower() for s in SECRET_INPUTS) and isinstance(value, str) and value:
                    yield finding(vspec, "long-lived-credential", "error",
                                  f"stack '{stack.name}' module '{module.label}' is given a literal secret in "
                                  f"'{key}'; credentials never appear in generated code.", module.spec_path)


def _flatten(value: object, prefix: str = "") -> list[tuple[str, object]]:
    if isinstance(value, dict):
        return [kv for k, v in value.items() for kv in _flatten(v, f"{prefix}.{k}" if prefix else str(k))]
    if isinstance(value, (list, tuple)):
        return [kv for i, v in enumerate(value) for kv in _flatten(v, f"{prefix}[{i}]")]
    return [] if isinstance(value, Expr) else [(prefix, value)]


# -- helpers --------------------------------------------------------------------------------------------------------
def _pair(ln: Line) -> str:
    src, dst, via = ln.route or ("?", "?", "?")
    return f"{src} -> {dst} over {via}"


def _purpose(vspec: ValidSpec, ln: Line) -> str | None:
    i = int(ln.id.split(".")[2])
    flows = vspec.spec.usage.flows if vspec.spec.usage else ()
    return flows[i].purpose if i < len(flows) else None


def _kb(span: Span) -> str:
    from mcai.cost.money import qty

    return qty(span)


def _cost_text(ln: Line) -> str:
    if ln.cost is None or ln.quantity is None:
        return ln.note or ln.status.replace("_", " ")
    from mcai.cost.lines import describe_quantity, unit_text

    per = "" if ln.recurrence == "one_time" else "/month"
    return f"{describe_quantity(ln)} x {unit_text(ln.unit_price)} = {usd_span(ln.cost)}{per}"  # type: ignore[arg-type]

