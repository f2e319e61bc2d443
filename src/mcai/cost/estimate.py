"""The monthly cost estimate (pure): model inference, cross-cloud egress per flow, links and the response cache.

Conventions (prices.md): decimal money, 730 hours a month, decimal GB (1 GB = 1,000,000 KB), 4 weeks a month for
weekly volumes. A component whose usage the spec does not give shows its unit price ("depends on usage"); a price
no source gives shows "price not found". Neither is guessed, and neither counts in the totals.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from mcai.cost import retrieval, tokens
from mcai.cost.catalog import Catalog
from mcai.cost.inputs import EstimateInput, LinkInput, ModelInput, Movement
from mcai.cost.lines import CacheEffect, Estimate, Line, PriceRef, priced
from mcai.cost.money import HOURS_PER_MONTH, KB_PER_GB, TOKENS_PER_MILLION, Span, dec, plain, total, usd

ONE = Span.of(1)


def estimate(inp: EstimateInput, catalog: Catalog) -> Estimate:
    hit = dec(inp.cache.hit_rate) if inp.cache else Decimal(0)
    calls = Span.of(1 - hit)  # share of requests that reach a model
    lines: list[Line] = []

    def at(stack: str, cloud: str) -> Catalog:  # prices for an element of this account, in its region
        return catalog.in_region(inp.region(stack, cloud))

    for m in inp.models:
        lines += _model_lines(m, inp, at(m.stack, m.cloud), calls)
    lines += _request_egress(inp, catalog, hit)
    for mv in inp.movements:
        lines += _movement_lines(mv, at(mv.from_stack, mv.from_cloud))
    for link in inp.links:
        lines += _link_lines(link, catalog, inp)
    for c in inp.components:
        price = at(c.stack, c.cloud).get(c.price_id)
        line = Line(id=c.id, category=c.category, description=c.description,  # type: ignore[arg-type]
                    recurrence="monthly", status="estimated", spec_path=c.spec_path, quantity_unit=c.quantity_unit,
                    price_unit=c.price_unit, cloud=c.cloud or None, stack=c.stack or None)
        lines.append(priced(line, price, Span.of(price.price.value) if price else None, c.quantity, (c.price_id,)))
    for r in inp.retrieval:
        lines += retrieval.lines(r, at(r.stack, r.cloud))
    cache_line = _cache_line(inp, catalog)
    if cache_line is not None:
        lines.append(cache_line)
    # what no element of an account owns (links, resolvers, flows between clouds) is billed to the cloud's home account
    home = dict(inp.home_stacks)
    lines = [ln if ln.stack else replace(ln, stack=home.get(ln.cloud or "", ln.cloud)) for ln in lines]
    lines = [replace(ln, region=inp.region(ln.stack or "", ln.cloud or "")) for ln in lines]
    return Estimate(
        lines=tuple(lines), cache=_cache_effect(inp, lines, cache_line, hit), notes=tuple(catalog.notes),
        catalogs=tuple((name, f.as_of.isoformat() if f.as_of else "") for name, f in catalog.files),
        token_dataset=tokens.dataset_label(), catalog=catalog,
        stacks=tuple(dict.fromkeys(inp.stacks + tuple(ln.stack for ln in lines if ln.stack))))


# -- inference ------------------------------------------------------------------------------------------------------
def _model_lines(m: ModelInput, inp: EstimateInput, catalog: Catalog, calls: Span) -> list[Line]:
    if m.provisioned is not None:
        # Reserved capacity is paid whatever the traffic; overflow above it is priced on the spillover model.
        return [_provisioned_line(m, catalog)]
    why = {"primary": "", "fallback": " (fallback: traffic only when the models before it fail)",
           "spillover": " (spillover: traffic above the primary's provisioned capacity)",
           "unrouted": " (not in the routing chain)"}[m.role]
    primary = m.role == "primary"
    out: list[Line] = []
    for kind, per_request in (("input", inp.input_tokens), ("output", inp.output_tokens)):
        price, unit_price = _token_price(m, kind, inp.input_tokens, catalog)
        if price is not None and unit_price is None:
            continue  # the dataset prices no output tokens for this model (an embedding model)
        line = Line(id=f"inference.{m.key}.{kind}_tokens", category="inference", recurrence="monthly",
                    description=f"{m.key}: {m.model} {kind} tokens{why}", status="estimated", spec_path=m.spec_path,
                    quantity_unit="M tokens", price_unit="per 1M tokens", cloud=m.cloud, stack=m.stack or None)
        quantity = None
        if primary and inp.requests is not None and per_request is not None:
            quantity = inp.requests * per_request / TOKENS_PER_MILLION
        factor = calls if primary and inp.cache is not None and quantity is not None else None
        out.append(priced(line, price, unit_price, quantity,
                          (f"tokens.{m.provider}.{m.model}.{kind}", "genai-prices"), factor))
    return out


def _token_price(m: ModelInput, kind: str, prompt: Span | None, catalog: Catalog
                 ) -> tuple[PriceRef | None, Span | None]:
    override = catalog.get(f"tokens.{m.provider}.{m.model}.{kind}")
    if override is not None:
        return PriceRef.of(override), Span.of(override.price.value)
    provider_id, ref = tokens.model_ref(m.provider, m.model, m.inference_profile)
    tp = tokens.lookup(provider_id, ref)
    if tp is None:
        return None, None
    tiered = tp.input if kind == "input" else tp.output
    low, high = (prompt.low, prompt.high) if prompt is not None else (Decimal(0), Decimal(0))
    note = None
    if tiered is not None and tiered.tiers:
        note = "tiered by prompt size: " + ", ".join(f"${plain(p)} from {s:,} prompt tokens" for s, p in tiered.tiers)
    if m.provider == "azure_openai":
        note = "Global deployment price; Regional and Data Zone deployments are often slightly higher (approximate)"
    ref_ = PriceRef(f"genai-prices:{provider_id}:{ref}", tp.source, tp.as_of, "dataset", tokens.dataset_label(), note)
    return ref_, None if tiered is None else Span(tiered.at(low), tiered.at(high))


def _provisioned_line(m: ModelInput, catalog: Catalog) -> Line:
    p = m.provisioned
    assert p is not None
    hours = Span.of(p.units) * HOURS_PER_MONTH
    if p.kind == "azure_ptu":
        ids = (f"ptu.azure_openai.{p.sku}",)
        line = Line(id=f"inference.{m.key}.ptu", category="inference", recurrence="monthly", status="estimated",
                    description=f"{m.key}: {m.model} {p.units} PTU ({p.sku}), hourly, {plain(HOURS_PER_MONTH)} h",
                    spec_path=m.spec_path + ("deployment", "ptu"), quantity_unit="PTU-hours",
                    price_unit="per PTU-hour", note=_reservations(p.units, catalog), cloud=m.cloud,
                    stack=m.stack or None)
    else:
        ids = (f"model_units.bedrock.{p.sku}",)
        line = Line(id=f"inference.{m.key}.model_units", category="inference", recurrence="monthly",
                    status="estimated", spec_path=m.spec_path + ("provisioned",),
                    description=f"{m.key}: {m.model} {p.units} model unit(s), commitment {p.sku}",
                    quantity_unit="model-unit-hours", price_unit="per model-unit-hour", cloud=m.cloud,
                    stack=m.stack or None)
    price = catalog.first(*ids)
    return priced(line, price, Span.of(price.price.value) if price else None, hours, ids)


def _reservations(units: int, catalog: Catalog) -> str | None:
    parts = []
    for term, label in (("one_month", "monthly-term"), ("one_year", "1-year")):
        p = catalog.get(f"ptu_reservation.azure_openai.{term}")
        if p is not None:
            parts.append(f"{label} reservation {usd(p.price.value)}/PTU-month = {usd(p.price.value * units)}")
    return ("instead of hourly: " + "; ".join(parts)) if parts else None


# -- egress ---------------------------------------------------------------------------------------------------------
def egress_price(catalog: Catalog, from_cloud: str, to_cloud: str, via: str):  # type: ignore[no-untyped-def]
    ids = (f"egress.{from_cloud}.{to_cloud}.{via}", f"egress.{from_cloud}.{via}")
    return catalog.first(*ids), ids


def _request_egress(inp: EstimateInput, catalog: Catalog, hit: Decimal) -> list[Line]:
    primary = next((m for m in inp.models if m.role == "primary"), None)
    if primary is None or inp.router_cloud is None or primary.cloud == inp.router_cloud:
        return []
    at_boundary = inp.cache is not None and inp.cache.cloud == inp.router_cloud
    factor = Span.of(1 - hit) if at_boundary else None
    out = []
    for direction, size, src, dst in (("requests", inp.prompt_kb, inp.router_cloud, primary.cloud),
                                      ("responses", inp.response_kb, primary.cloud, inp.router_cloud)):
        via = inp.path_between(src, dst)
        sender = inp.router_stack if direction == "requests" else primary.stack
        price, ids = egress_price(catalog.in_region(inp.region(sender, src)), src, dst, via)
        gb = None if inp.requests is None or size is None else inp.requests * size / KB_PER_GB
        what = "prompt context" if direction == "requests" else "responses"
        line = Line(id=f"egress.{direction}.{src}-{dst}", category="egress", recurrence="monthly",
                    status="estimated", spec_path=("usage", "prompt_kb" if direction == "requests" else "response_kb"),
                    description=f"{what} {src} -> {dst} for model '{primary.key}' over {via}",
                    quantity_unit="GB", price_unit="per GB", route=(src, dst, via), cloud=src,
                    stack=sender or None)
        out.append(priced(line, price, Span.of(price.price.value) if price else None, gb, ids,
                          factor if gb is not None else None))
    return out


def _movement_lines(mv: Movement, catalog: Catalog) -> list[Line]:
    price, ids = egress_price(catalog, mv.from_cloud, mv.to_cloud, mv.via)
    unit = Span.of(price.price.value) if price else None
    out = []
    for recurrence, gb in (("monthly", mv.gb_per_month), ("one_time", mv.gb_once)):
        if gb is None and not (recurrence == "one_time" and mv.needs_usage):
            continue
        suffix = f" ({mv.volume_note})" if mv.volume_note and recurrence == "monthly" else ""
        line = Line(id=f"egress.{mv.id}" + (".once" if recurrence == "one_time" else ""), category="egress",
                    recurrence=recurrence, status="estimated", spec_path=mv.spec_path,  # type: ignore[arg-type]
                    description=f"{mv.what}: {mv.from_cloud} -> {mv.to_cloud} over {mv.via}{suffix}",
                    quantity_unit="GB", price_unit="per GB", route=(mv.from_cloud, mv.to_cloud, mv.via),
                    cloud=mv.from_cloud, stack=mv.from_stack or None)
        out.append(priced(line, price, unit, gb, ids))
    return out


# -- links and cache ------------------------------------------------------------------------------------------------
def _speed(mbps: int | None) -> str:
    """Port speed as used in price ids: 1000 -> 1g, 500 -> 500m; unknown -> unset (no price is found for it)."""
    if mbps is None:
        return "unset"
    return f"{mbps // 1000}g" if mbps % 1000 == 0 else f"{mbps}m"


def _dx_speed(bandwidth: str | None) -> str:
    if not bandwidth:
        return "unset"
    number = int("".join(ch for ch in bandwidth if ch.isdigit()))
    return _speed(number * 1000 if bandwidth.endswith("Gbps") else number)


# What mcai renders per VPN link (modules aws-vpn, gcp-ha-vpn; tests/test_cost_vpn.py counts them in the goldens):
# AWS builds one `aws_vpn_connection` per interface of the peer's gateway (two: GCP's HA VPN interfaces or Azure's
# active-active instances), each with two tunnels; GCP builds a `google_compute_vpn_tunnel` per AWS tunnel (four) or
# one per interface to Azure (two). Azure's side is its one VPN gateway (`link.vpn_gateway.azure`).
AWS_VPN_CONNECTIONS = 2
GCP_TUNNELS_TO_AWS = 4
GCP_TUNNELS_TO_AZURE = 2
# Fees billed by the hour per unit whether or not a price is found (the quantity says so even when it is not).
HOURLY_UNITS = ("usd_per_hour", "usd_per_unit_hour")
HOURLY_LINK_UNITS = {"link.site_to_site_vpn.connection": "connection-hours", "link.ha_vpn.tunnel": "tunnel-hours"}


def link_components(link: LinkInput) -> list[tuple[str, str, int]]:
    """(price id, component, count) for the fixed fees of one link, following what mcai renders for it."""
    out: list[tuple[str, str, int]] = []
    if link.dx_connection:
        kind = "port" if link.dx_connection == "dedicated" else "hosted"
        out.append((f"link.direct_connect.{kind}_{_dx_speed(link.dx_bandwidth)}",
                    f"AWS Direct Connect {link.dx_connection} connection {link.dx_bandwidth}", 1))
    if link.via == "expressroute":
        out += [(f"link.expressroute.circuit_{_speed(link.bandwidth_mbps)}", "ExpressRoute circuit", 1),
                ("link.expressroute.gateway", "ExpressRoute virtual network gateway", 1)]
    if link.via == "expressroute" and link.interconnect_type == "partner":  # Azure <-> GCP: the GCP side
        out.append((f"link.interconnect.partner_attachment_{_speed(link.bandwidth_mbps)}",
                    "Partner Interconnect VLAN attachment", link.attachments))
    elif link.via == "interconnect":
        if link.interconnect_type == "partner":
            out.append((f"link.interconnect.partner_attachment_{_speed(link.bandwidth_mbps)}",
                        "Partner Interconnect VLAN attachment", link.attachments))
        else:
            out += [(f"link.interconnect.port_{_speed(link.bandwidth_mbps)}", "Cloud Interconnect port", 1),
                    ("link.interconnect.vlan_attachment", "VLAN attachment", link.attachments)]
    if link.via == "ha_vpn" or link.vpn_fallback:  # one line per side, each billed to the cloud that owns that side
        fallback = "fallback " if link.vpn_fallback else ""
        if "aws" in link.between:
            out.append(("link.site_to_site_vpn.connection", f"AWS Site-to-Site VPN {fallback}connections",
                        AWS_VPN_CONNECTIONS))
        if "gcp" in link.between:
            out.append(("link.ha_vpn.tunnel", f"GCP HA VPN {fallback}tunnels",
                        GCP_TUNNELS_TO_AWS if "aws" in link.between else GCP_TUNNELS_TO_AZURE))
    if link.azure_vpn_gateway:
        out.append(("link.vpn_gateway.azure", "Azure VPN gateway (active-active, zone-redundant)", 1))
    return out


def _link_lines(link: LinkInput, catalog: Catalog, inp: EstimateInput | None = None) -> list[Line]:
    """A link's fixed fees, each priced in the region of the home account of the cloud that bills it."""
    out = []
    for price_id, component, count in link_components(link):
        billed = catalog.in_region(inp.region("", _billed_by(price_id, link))) if inp else catalog
        price = billed.get(price_id)
        unit_hours = HOURLY_LINK_UNITS.get(price_id)
        # the price's unit decides (an override may price a component by the month); without one, what it is billed by
        hourly = price.price.unit in HOURLY_UNITS if price is not None else unit_hours is not None
        times = f"{count} x " if count > 1 else ""
        line = Line(id=f"link.{link.index}.{price_id.split('.', 1)[1]}", category="link", recurrence="monthly",
                    status="estimated", spec_path=link.spec_path,
                    description=f"{times}{component} ({'-'.join(link.between)} {link.via})",
                    quantity_unit=(unit_hours or "hours") if hourly else "months",
                    price_unit=(f"per {unit_hours[:-1]}" if unit_hours else "per hour") if hourly else "per month",
                    cloud=_billed_by(price_id, link))
        quantity = (HOURS_PER_MONTH * ONE if hourly else ONE) * Decimal(count)
        out.append(priced(line, price, Span.of(price.price.value) if price else None, quantity, (price_id,)))
    return out


# The cloud whose bill a link's fixed fee lands on (billed to that cloud's home account: on a Transit Gateway the AWS
# VPN connections are the home account's). Each side of a VPN is its own line: AWS connections, GCP tunnels, the
# Azure gateway.
LINK_BILLED_BY = {"direct_connect": "aws", "expressroute": "azure", "interconnect": "gcp", "vpn_gateway": "azure",
                  "site_to_site_vpn": "aws", "ha_vpn": "gcp"}


def _billed_by(price_id: str, link: LinkInput) -> str:
    service = price_id.split(".")[1]
    if service in LINK_BILLED_BY:
        return LINK_BILLED_BY[service]
    return "gcp" if "gcp" in link.between else link.between[0]


def _cache_line(inp: EstimateInput, catalog: Catalog) -> Line | None:
    c = inp.cache
    if c is None:
        return None
    price_id = f"cache.{c.service}.{c.engine}.{c.node_type}"
    price = catalog.in_region(inp.region(c.stack, c.cloud)).get(price_id)
    line = Line(id=f"cache.{c.cloud}", category="cache", recurrence="monthly", status="estimated",
                spec_path=c.spec_path, quantity_unit="node-hours", price_unit="per node-hour",
                description=f"response cache: {c.nodes} x {c.node_type} {c.engine} node(s), {plain(HOURS_PER_MONTH)} h",
                cloud=c.cloud, stack=c.stack or None)
    return priced(line, price, Span.of(price.price.value) if price else None,
                  Span.of(c.nodes) * HOURS_PER_MONTH, (price_id,))


def _cache_effect(inp: EstimateInput, lines: list[Line], cache_line: Line | None, hit: Decimal) -> CacheEffect | None:
    if inp.cache is None or cache_line is None:
        return None
    savings = [ln.cache_saving for ln in lines if ln.cache_saving is not None]
    saving = total(savings) if savings else None  # None: the usage that would show a saving is not given
    cost = cache_line.cost if cache_line.counted else None
    payback = None
    if saving is not None and cost is not None and cost.low > 0:
        payback = Span(saving.low / cost.high, saving.high / cost.low)
    where = "" if inp.cache.cloud == inp.router_cloud else \
        " It is not in the router's cloud, so requests still cross the boundary: only model calls are saved."
    note = (f"a {plain(hit * 100)}% hit rate removes that share of model calls (token-priced) and of the request "
            f"egress crossing the boundary; provisioned capacity costs the same.{where}")
    return CacheEffect(hit_rate=hit, monthly_cost=cost, saving=saving, payback=payback, note=note)


# -- what-ifs for findings ------------------------------------------------------------------------------------------
PRIVATE_PATH = {frozenset({"aws", "azure"}): "expressroute", frozenset({"aws", "gcp"}): "interconnect",
                frozenset({"azure", "gcp"}): "interconnect"}


def private_path_monthly(catalog: Catalog, from_cloud: str, to_cloud: str, gb: Span, with_link: bool = True,
                         bandwidth_mbps: int = 1000) -> tuple[str, Span] | None:
    """What `gb` a month would cost over the private path between two clouds, including the link's fixed fees
    unless the link exists already; None when any needed price is missing (then nothing is claimed)."""
    via = PRIVATE_PATH.get(frozenset({from_cloud, to_cloud}))
    if via is None:
        return None
    price, _ = egress_price(catalog, from_cloud, to_cloud, via)
    if price is None:
        return None
    cost = gb * price.price.value
    if with_link:
        what_if = LinkInput(0, (from_cloud, to_cloud), via, bandwidth_mbps, (), dx_connection="dedicated",
                            dx_bandwidth=f"{bandwidth_mbps // 1000}Gbps", interconnect_type="dedicated")
        for line in _link_lines(what_if, catalog):
            if line.cost is None:
                return None
            cost = cost + line.cost
    return via, cost
