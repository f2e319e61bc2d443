"""Topology stage: derive stacks, names, module calls and trust edges from a valid spec (pure, deterministic)."""

from __future__ import annotations

import hashlib

from mcai.diagnostics import SpecError
from mcai.spec import ValidSpec
from mcai.topology import aws_access, azure, gcp, identity, links
from mcai.topology.aws import AwsStackBuilder
from mcai.topology.common import backend_for
from mcai.topology.model import Stack, Topology
from mcai.topology.names import Namer

__all__ = ["derive", "Topology", "Stack"]

# Stacks are applied in this order: the control plane's identities and the model side first, then the callers.
APPLY_ORDER = ("aws", "azure", "gcp")


def derive(vspec: ValidSpec) -> Topology:
    """The frozen topology for a valid spec; raises `SpecError` for derived names that break cloud limits."""
    spec = vspec.spec
    namer = Namer(vspec.source)
    stacks: list[Stack] = []
    edges = []
    if spec.clouds.aws is not None:
        b = AwsStackBuilder(vspec, namer)
        b.bedrock()
        aws_access.data_stores(b)
        aws_access.response_cache(b)
        aws_access.workload_roles(b)
        identity.aws_side(b.modules, b.outputs, b.manual_steps, spec)
        stacks.append(Stack(
            name="aws", cloud="aws", account=spec.clouds.aws.account_id, apply_order=0,
            providers=(identity.aws_provider(spec),),
            provider_settings={"region": spec.clouds.aws.region, "account_id": spec.clouds.aws.account_id},
            backend=backend_for(spec.control_plane, spec.name, spec.environment, "aws", _state_region(vspec)),
            modules=_ordered(b.modules), variables=tuple(sorted(b.variables.values(), key=lambda v: v.name)),
            outputs=tuple(sorted(b.outputs, key=lambda o: o.name)), manual_steps=tuple(b.manual_steps)))
        edges += b.trust_edges
    if spec.clouds.azure is not None:
        stacks.append(azure.build_stack(vspec, namer, _state_region(vspec)))
    if spec.clouds.gcp is not None:
        stacks.append(gcp.build_stack(vspec, namer, _state_region(vspec)))
    # Private links add both ends of every link to the stacks built above (topology/links.py).
    link_additions, link_facts = links.derive_links(vspec, namer)
    stacks = [link_additions[s.cloud].merge_into(s) if s.cloud in link_additions else s for s in stacks]
    if namer.problems:
        raise SpecError(vspec.filename, namer.problems)
    edges += identity.trust_edges(spec, stacks)
    ordered = sorted(stacks, key=lambda s: APPLY_ORDER.index(s.cloud))
    stacks = [Stack(**{**s.__dict__, "apply_order": i + 1}) for i, s in enumerate(ordered)]
    return Topology(
        name=spec.name, environment=spec.environment, control_plane=spec.control_plane,
        tags=dict(sorted(spec.tags.items())), stacks=tuple(stacks), trust_edges=tuple(edges), links=link_facts,
        spec_sha256=hashlib.sha256(vspec.text.encode("utf-8")).hexdigest())


def _state_region(vspec: ValidSpec) -> str | None:
    aws = vspec.spec.clouds.aws
    return aws.region if vspec.spec.control_plane == "aws" and aws else None


def _ordered(modules):  # type: ignore[no-untyped-def]
    """Module blocks in a stable, readable order: account settings, data, cache, then workloads."""
    rank = {"aws-bedrock": 0, "aws-documents-bucket": 1, "aws-vector-collection": 2, "aws-response-cache": 3,
            "aws-workload-role": 4}
    return tuple(sorted(modules, key=lambda m: (rank.get(m.module, 9), m.label)))
