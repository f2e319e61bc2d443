"""The topology as a diagram: clouds as subgraphs holding workloads, models, data stores and the cache; edges for
routing (primary, fallbacks, spillover), data access, declared data flows and links with their path type, and trust
edges. One neutral graph, two renderings: Mermaid (for the Markdown report and `mcai graph`) and Graphviz DOT."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mcai.cost.money import Span, qty
from mcai.paths import UsePath
from mcai.spec import ValidSpec
from mcai.topology.model import Topology

MODEL_CLOUD = {"bedrock": "aws", "azure_openai": "azure", "vertex": "gcp"}
CLOUD_TITLE = {"aws": "AWS", "azure": "Azure", "gcp": "Google Cloud"}


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str  # workload | model | data | cache
    cloud: str


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    label: str
    style: str = "solid"  # solid | dotted | thick


@dataclass
class Graph:
    clouds: dict[str, str] = field(default_factory=dict)  # id -> title
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def ident(prefix: str, key: str) -> str:
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9_]', '_', key)}"


def build_graph(vspec: ValidSpec, topology: Topology, paths: tuple[UsePath, ...] = ()) -> Graph:
    """`paths`: the proven use paths; each use edge then names its network path (same-cloud, private-link,
    public), the same edges the report's paths section lists."""
    spec = vspec.spec
    g = Graph()
    proven = {(p.use.workload, p.use.target): p.network.kind for p in paths}

    def via(workload: str, target: str) -> str:
        kind = proven.get((workload, target))
        return f" [{kind}]" if kind else ""

    used = {c for c in ("aws", "azure", "gcp") if getattr(spec.clouds, c, None) is not None}
    flows = spec.usage.flows if spec.usage else ()
    used |= {c for f in flows for c in (f.from_, f.to)}
    g.clouds = {c: f"{CLOUD_TITLE[c]}" + (" (control plane)" if c == spec.control_plane else "")
                for c in ("aws", "azure", "gcp") if c in used}
    for key, w in sorted(spec.workloads.items()):
        g.nodes.append(Node(ident("w", key), f"{key} ({w.runs_on.kind})", "workload", w.runs_on.cloud))
    for key, m in sorted(spec.models.items()):
        extra = ""
        if getattr(m, "deployment", None) is not None:
            d = m.deployment
            extra = f", {d.ptu} PTU" if d.ptu else f", {d.type}"
        elif getattr(m, "provisioned", None) is not None:
            extra = f", {m.provisioned.model_units} MU"
        g.nodes.append(Node(ident("m", key), f"{key}: {m.model} ({m.provider}{extra})", "model",
                            MODEL_CLOUD[m.provider]))
    for key, d in sorted(spec.data.items()):
        size = getattr(d, "size_gb", None)
        g.nodes.append(Node(ident("d", key), f"{key}: {d.kind}" + (f", {qty(Span.of(size))} GB" if size else ""),
                            "data", d.cloud))
    routing = spec.routing
    if routing is not None:
        if routing.cache is not None:
            c = routing.cache
            g.nodes.append(Node("cache", f"response cache: {c.engine} {c.node_type}, hit rate {c.expected_hit_rate}",
                                "cache", c.cloud))
        router = spec.workloads.get(routing.router)
        for i, key in enumerate(routing.chain):
            m = spec.models.get(key)
            if router is None or m is None:
                continue
            crossing = "" if MODEL_CLOUD[m.provider] == router.runs_on.cloud else f" over {_path(spec, router.runs_on.cloud, MODEL_CLOUD[m.provider])}"
            label = ("primary" if i == 0 else f"fallback {i}") + crossing + via(routing.router, key)
            g.edges.append(Edge(ident("w", routing.router), ident("m", key), label, "thick" if i == 0 else "solid"))
        if routing.cache is not None:
            g.edges.append(Edge(ident("w", routing.router), "cache", "cache lookup" + via(routing.router, "cache")))
        for key, m in sorted(spec.models.items()):
            if getattr(m, "spillover", None):
                g.edges.append(Edge(ident("m", key), ident("m", m.spillover),
                                    "spillover" + (via(routing.router, m.spillover) if routing else "")))
    for key, d in sorted(spec.data.items()):
        users = getattr(d, "used_by", None)
        if users is None:  # stores without used_by serve the routing router
            users = (routing.router,) if routing is not None else ()
        for user in sorted(set(users)):
            g.edges.append(Edge(ident("w", user), ident("d", key), "reads/writes" + via(user, key)))
    for f in flows:
        volume = f"{qty(Span.of(f.gb_per_month))} GB/month" if f.gb_per_month is not None else \
            f"{qty(Span.of(f.gb_per_week))} GB/week" if f.gb_per_week is not None else \
            f"{qty(Span.of(f.gb_once))} GB once" if f.gb_once is not None else ""
        g.edges.append(Edge(f.from_, f.to, f"{f.what}, {volume} over {f.via or _path(spec, f.from_, f.to)}", "dotted"))
    for link in getattr(spec, "links", None) or ():
        a, b = tuple(link.between)
        g.edges.append(Edge(a, b, f"link: {link.via}", "thick"))
    for e in topology.trust_edges:
        if e.to_cloud in g.clouds:
            g.edges.append(Edge(ident("w", e.workload), e.to_cloud, f"trust: {e.mechanism}", "dotted"))
    for cloud in g.clouds:  # a cloud only named by a flow holds data this spec does not manage
        if not any(n.cloud == cloud for n in g.nodes):
            g.nodes.append(Node(ident("x", cloud), "data outside this spec", "data", cloud))
    g.edges = list(dict.fromkeys(g.edges))  # one edge per (ends, label, style), in first-seen order
    return g


def _path(spec, a: str, b: str) -> str:  # type: ignore[no-untyped-def]
    for link in getattr(spec, "links", None) or ():
        if set(link.between) == {a, b}:
            return str(link.via)
    return "internet"


def _q(text: str) -> str:
    """A Mermaid label: quoted, with characters that end or break a label written as entities."""
    return '"' + text.replace('"', "#quot;").replace("\n", " ") + '"'


SHAPES = {"workload": ("[", "]"), "model": ("[[", "]]"), "data": ("[(", ")]"), "cache": ("{{", "}}")}
ARROWS = {"solid": "-->", "dotted": "-.->", "thick": "==>"}


def mermaid(vspec: ValidSpec, topology: Topology, paths: tuple[UsePath, ...] = ()) -> str:
    g = build_graph(vspec, topology, paths)
    lines = ["flowchart LR"]
    for cloud, title in g.clouds.items():
        lines.append(f"  subgraph {cloud}[{_q(title)}]")
        for n in g.nodes:
            if n.cloud == cloud:
                left, right = SHAPES[n.kind]
                lines.append(f"    {n.id}{left}{_q(n.label)}{right}")
        lines.append("  end")
    for e in g.edges:
        lines.append(f"  {e.src} {ARROWS[e.style]}|{_q(e.label)}| {e.dst}")
    return "\n".join(lines) + "\n"


def _dq(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


DOT_SHAPES = {"workload": "box", "model": "component", "data": "cylinder", "cache": "hexagon"}
DOT_STYLES = {"solid": "solid", "dotted": "dashed", "thick": "bold"}


def dot(vspec: ValidSpec, topology: Topology, paths: tuple[UsePath, ...] = ()) -> str:
    g = build_graph(vspec, topology, paths)
    lines = ["digraph mcai {", "  rankdir=LR;", "  compound=true;"]
    for cloud, title in g.clouds.items():
        lines += [f"  subgraph cluster_{cloud} {{", f"    label={_dq(title)};",
                  f"    {cloud} [label={_dq(CLOUD_TITLE[cloud])}, shape=plaintext];"]
        lines += [f"    {n.id} [label={_dq(n.label)}, shape={DOT_SHAPES[n.kind]}];" for n in g.nodes if n.cloud == cloud]
        lines.append("  }")
    for e in g.edges:
        lines.append(f"  {e.src} -> {e.dst} [label={_dq(e.label)}, style={DOT_STYLES[e.style]}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
