"""Assemble the report from the pipeline's results (pure)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from mcai import __version__
from mcai.diagnostics import dotted
from mcai.paths import UsePath
from mcai.report.cost import Amount, CostLine, CostSection
from mcai.report.model import (
    BaselineSection,
    FileInfo,
    Finding,
    LinkInfo,
    ModuleInfo,
    PathInfo,
    ProviderInfo,
    ReferenceDataInfo,
    Report,
    ResourceInfo,
    RetrievalInfo,
    SpecInfo,
    StackInfo,
    Summary,
    TrustEdgeInfo,
)
from mcai.topology.model import Stack, Topology
from mcai.writer import FileChange


def build_report(topology: Topology, spec_file: str, changes: list[FileChange], output_directory: str,
                 mode: str, findings: list[Finding] | None = None, cost: CostSection | None = None,
                 fail_on: str | None = None, baseline: BaselineSection | None = None,
                 output_problems: list[str] | None = None, paths: tuple[UsePath, ...] = ()) -> Report:
    """`output_problems`: what in OUT stands in mcai's way (hand edits, links, an interrupted run); `--check`
    fails on them like on stale files."""
    from mcai.report.gate import gate

    findings = findings or []
    files = [FileInfo(path=c.path, status=c.status, sha256=c.sha256) for c in changes]
    stacks = [_stack(s) for s in topology.stacks]
    return Report(
        generator=f"mcai {__version__}", mode=mode, output_directory=output_directory,  # type: ignore[arg-type]
        spec=SpecInfo(file=spec_file, name=topology.name, environment=topology.environment,
                      control_plane=topology.control_plane, sha256=topology.spec_sha256),
        summary=Summary(
            stacks=len(stacks), modules=sum(len(s.modules) for s in stacks),
            resources=sum(s.resource_count for s in stacks),
            files=dict(sorted(Counter(c.status for c in changes).items())),
            findings=dict(sorted(Counter(f.severity for f in findings).items())),
            acknowledged=sum(1 for f in findings if not f.gates)),
        stacks=stacks,
        files=files,
        findings=findings,
        trust_edges=[TrustEdgeInfo(workload=e.workload, from_cloud=e.from_cloud, to_cloud=e.to_cloud,
                                   mechanism=e.mechanism, principal=e.principal, permissions=list(e.permissions),
                                   issuer=e.issuer, subject=e.subject, audience=e.audience)
                     for e in topology.trust_edges],
        links=[LinkInfo(between=list(k.between), via=k.via, path=k.path, bandwidth_mbps=k.bandwidth_mbps,
                        latency_class=k.latency_class, fallback=k.fallback,
                        fixed_monthly_components=list(k.fixed_monthly_components), peering_ranges=dict(k.ranges),
                        spec_path=".".join(str(p) for p in k.spec_path))
               for k in topology.links],
        paths=[_path(p, cost) for p in paths],
        retrieval=[_retrieval(f, paths, cost) for f in topology.retrieval],
        reference_data=[_reference(name) for name in topology.reference_data],
        cost=cost,
        gate=gate(files, findings, mode, fail_on, output_problems or []),
        baseline=baseline,
    )


def _stack(stack: Stack) -> StackInfo:
    resources = [ResourceInfo(module=label, type=r.type, address=r.address) for label, r in stack.resources]
    return StackInfo(
        name=stack.name, cloud=stack.cloud, account=stack.account, apply_order=stack.apply_order,
        directory=f"{stack.name}/",
        providers=[ProviderInfo(name=p.name, source=p.source, version=p.version) for p in stack.providers],
        modules=[ModuleInfo(label=m.label, module=m.module, purpose=m.purpose, resource_count=len(m.resources))
                 for m in stack.modules],
        resources=resources, resource_count=len(resources),
        resources_by_type=dict(sorted(Counter(r.type for r in resources).items())),
        required_inputs=[v.name for v in stack.variables if v.required],
        manual_steps=list(stack.manual_steps))


def _path(p: UsePath, cost: CostSection | None) -> PathInfo:
    use = p.use
    lines = _egress_lines(p, cost)
    return PathInfo(workload=use.workload, uses="cache" if use.kind == "cache" else f"{use.kind} {use.target}",
                    service=use.service, cloud=use.target_cloud, declared_at=dotted(use.spec_path),
                    identity=list(p.identity), network=p.network.kind, network_path=p.network.description,
                    dns_name=p.network.dns_name, prerequisites=list(p.prerequisites), works_after=p.works_after,
                    egress=[ln.id for ln in lines], egress_monthly_usd=_sum(lines, "monthly"),
                    egress_one_time_usd=_sum(lines, "one_time"))


# The request and response egress of the routing chain is the router's use of the primary model.
_PRIMARY_USE = ("routing", "chain", 0)
_REQUEST_EGRESS = ("usage.prompt_kb", "usage.response_kb")


def _egress_lines(p: UsePath, cost: CostSection | None) -> list[CostLine]:
    """The cost lines pricing what this use moves across clouds: a flow's own lines, or for the primary model the
    request and response egress."""
    if cost is None:
        return []
    paths = {dotted(p.use.spec_path)} | (set(_REQUEST_EGRESS) if p.use.spec_path == _PRIMARY_USE else set())
    return [ln for ln in cost.lines if ln.category == "egress" and ln.spec_path in paths]


def _sum(lines: list[CostLine], recurrence: str) -> Amount | None:
    priced = [ln.cost_usd for ln in lines if ln.recurrence == recurrence and ln.status == "estimated" and ln.cost_usd]
    if not priced:
        return None
    low, high = (sum((Decimal(a.low) for a in priced), Decimal(0)), sum((Decimal(a.high) for a in priced), Decimal(0)))
    return Amount(low=f"{low:.2f}", high=f"{high:.2f}")


def _retrieval(fact: Any, paths: tuple[UsePath, ...], cost: CostSection | None) -> RetrievalInfo:
    """A store's row: readers from the proven query paths, cost from its own lines (and its documents' move)."""
    readers = sorted({p.use.workload for p in paths if p.use.kind == "data" and p.use.target == fact.key})
    mine = [ln for ln in (cost.lines if cost else []) if ln.id.startswith((f"data.{fact.key}.",
                                                                           f"egress.retrieval.{fact.key}."))]
    sums = {recurrence: _sum(mine, recurrence) for recurrence in ("monthly", "one_time")}
    return RetrievalInfo(key=fact.key, cloud=fact.cloud, service=fact.service, documents=fact.documents,
                         embedding_model=fact.embedding_model, dimensions=fact.dimensions, index=fact.index,
                         readers=readers, monthly_cost_usd=sums["monthly"], one_time_cost_usd=sums["one_time"],
                         unpriced=sum(1 for ln in mine if ln.status != "estimated"))


# What each dated table decides in the rendered Terraform (report wording; the tables say their own source and date).
_REFERENCE_USE = {
    "bedrock_inference_profiles": "destination regions whose foundation models are granted through each cross-region "
                                  "inference profile (bedrock:InferenceProfileArn)",
    "embedding_models": "the vector dimension of each retrieval store's index and embedding configuration, and the "
                        "regions its embedding model is checked against",
}


def _reference(name: str) -> ReferenceDataInfo:
    from mcai import catalog

    table = catalog.load(name)
    return ReferenceDataInfo(name=name, source=str(table["source"]), as_of=str(table["as_of"]),
                             used_for=_REFERENCE_USE[name])
