"""Topology stage: derive stacks, names, module calls and trust edges from a valid spec (pure, deterministic)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace

from mcai.diagnostics import SpecError
from mcai.gcpause import paused
from mcai.spec import Spec, ValidSpec
from mcai.spec.accounts import home_of
from mcai.topology import (
    accounts,
    audit_receiver,
    audit_receiver_azure,
    aws_access,
    azure,
    azure_registrations,
    bootstrap,
    gcp,
    gcp_access,
    handovers,
    identity,
    links,
    retrieval,
    step_names,
    transit,
)
from mcai.topology.audit import apply as with_audit
from mcai.topology.budgets import BudgetFigure, with_budget
from mcai.topology.common import backend_for, terraform_floor
from mcai.topology.model import Stack, Topology
from mcai.topology.names import Namer

__all__ = ["derive", "Topology", "Stack"]

# Stacks are applied in this order: the control plane's identities and the model side first, then the callers.
APPLY_ORDER = ("aws", "azure", "gcp")


@paused
def derive(vspec: ValidSpec, budgets: Mapping[str, BudgetFigure] | None = None) -> Topology:
    """The frozen topology for a valid spec; raises `SpecError` for derived names that break cloud limits.
    `budgets`: the budget figure per account's stack (from the cost estimate) when the spec asks for budgets."""
    spec = vspec.spec
    namer = Namer(vspec.source)
    stacks: list[Stack] = []
    settings: dict[str, object] = {}  # stack name -> its account's settings
    edges = []
    builders = {"aws": aws_access.build_stack, "azure": azure.build_stack, "gcp": gcp_access.build_stack}
    for cloud, build in builders.items():
        if getattr(spec.clouds, cloud) is None:
            continue
        for view, account in accounts.views(vspec, cloud):  # one stack per named account (home first)
            built = build(view, namer, _state_region(vspec))
            stack, stack_edges = built if isinstance(built, tuple) else (built, [])
            stacks.append(_named(stack, account, spec))
            settings[stacks[-1].name] = getattr(view.spec.clouds, cloud)
            edges += stack_edges
    homes = {accounts.stack_name(c, home_of(getattr(spec.clouds, c))) for c in builders}
    # Private links add both ends of every link to the stacks built above (topology/links.py), in the home account.
    link_additions, link_facts = links.derive_links(vspec, namer)
    # (keyed by cloud for the home stacks; by stack name for another account's, behind a Transit Gateway)
    stacks = [link_additions[s.cloud].merge_into(s) if s.cloud in link_additions and s.name in homes
              else link_additions[s.name].merge_into(s) if s.name in link_additions and s.name not in homes else s
              for s in stacks]
    hub = transit.additions(vspec)  # the shared network of several AWS accounts
    stacks = [hub[s.name].merge_into(s) if s.name in hub else s for s in stacks]
    if spec.budgets is not None and budgets is not None:
        stacks = [with_budget(s, spec, budgets[s.name], namer, settings[s.name]) if s.name in budgets else s
                  for s in stacks]
    stacks = with_audit(stacks, spec, namer)  # a trail per AWS account, and its landing in the control plane
    stacks = audit_receiver.land(stacks, spec, namer)  # GCP's audit logs into an AWS control plane's store
    stacks = audit_receiver_azure.land(stacks, spec, namer)  # Azure's too, through the same receiver
    stacks = [gcp.with_project_services(s) if s.cloud == "gcp" else s for s in stacks]
    stacks = handovers.to_home_stacks(spec, stacks)
    if namer.problems:
        raise SpecError(vspec.filename, namer.problems)
    edges += identity.trust_edges(spec, stacks)
    ordered = bootstrap.derive(vspec, namer, sorted(stacks, key=lambda s: APPLY_ORDER.index(s.cloud)))
    ordered = handovers.resolve(vspec, ordered)
    if namer.problems:
        raise SpecError(vspec.filename, namer.problems)
    stacks = [replace(s, apply_order=i + 1) for i, s in enumerate(ordered)]
    stacks = azure_registrations.register_what_is_used(stacks)  # after every addition is merged
    stacks = step_names.name_stacks_in_steps(stacks, spec)  # "the aws stack" -> "the aws-network stack"
    stacks = [replace(s, **dict(zip(("terraform_version", "terraform_version_reason"),
                                    terraform_floor(m.module for m in s.modules)))) for s in stacks]
    return Topology(
        name=spec.name, environment=spec.environment, control_plane=spec.control_plane,
        tags=dict(sorted(spec.tags.items())), stacks=tuple(stacks), trust_edges=tuple(edges), links=link_facts,
        retrieval=retrieval.facts(spec),
        spec_sha256=_spec_sha256(vspec), reference_data=_reference_data(vspec), terragrunt=spec.terragrunt,
        names=tuple((what, value, path) for (what, value), path in namer.issued.items()))


def _named(stack: Stack, account: str | None, spec: Spec) -> Stack:
    """A named account's stack is `<cloud>-<account>/`, with its own state key; a one-account cloud's keeps its name."""
    if account is None:
        return stack
    name = accounts.stack_name(stack.cloud, account)
    backend = backend_for(spec.control_plane, spec.name, spec.environment, name, stack.backend.settings.get("region"))
    steps = stack.manual_steps
    if stack.account != _state_account(spec):
        ci = spec.bootstrap is not None and bool(spec.bootstrap.ci)
        steps = (accounts.state_step(name, stack.account, spec.control_plane, _state_account(spec), ci),) + steps
    return replace(stack, name=name, backend=backend, manual_steps=steps)


def _state_account(spec: Spec) -> str:
    """The account (id) holding Terraform state: the control-plane cloud's home (or only) account."""
    declared = getattr(spec.clouds, spec.control_plane)
    return str(getattr(declared, {"aws": "account_id", "azure": "subscription_id", "gcp": "project_id"}[
        spec.control_plane]))


def _spec_sha256(vspec: ValidSpec) -> str:
    """The digest of what the spec says: its text, and each imported file's name and text (so a change in a shared
    base makes every spec importing it stale)."""
    digest = hashlib.sha256(vspec.text.encode("utf-8"))
    for name, text in vspec.imported:
        digest.update(b"\0" + name.encode("utf-8") + b"\0" + text.encode("utf-8"))
    return digest.hexdigest()


def _reference_data(vspec: ValidSpec) -> tuple[str, ...]:
    """Tables whose facts shape the rendered grants: a cross-region inference profile is granted in the destination
    regions `bedrock_inference_profiles` lists."""
    profiles = any(getattr(m, "provider", None) == "bedrock" and getattr(m, "inference_profile", None)
                   for m in vspec.spec.models.values())
    tables = ("bedrock_inference_profiles",) if profiles else ()
    if retrieval.facts(vspec.spec):
        tables += ("embedding_models",)
    return tables


def _state_region(vspec: ValidSpec) -> str | None:
    aws = vspec.spec.clouds.aws
    return aws.region if vspec.spec.control_plane == "aws" and aws else None
