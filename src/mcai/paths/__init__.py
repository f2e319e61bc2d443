"""Paths stage: topology -> every use with its identity path, network path (DNS included), prerequisites and the
step from which it works. A use without a complete path is a spec error at the line that declares the use.

Sits above `topology/` and below `findings/`, `cost/`, `report/` and `render/`'s hand-off views: derive once, read
everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from mcai.diagnostics import Diagnostic, SpecError
from mcai.paths import reach, retrieval
from mcai.paths.across import crossed, other_project
from mcai.paths.identity import identity_path
from mcai.paths.landing import landing_paths
from mcai.paths.model import Broken, NetworkPath, Use, UsePath
from mcai.paths.network import network_path
from mcai.paths.steps import step_number, step_ref
from mcai.paths.uses import collect
from mcai.spec import ValidSpec
from mcai.spec.accounts_rules import element_of
from mcai.spec.models import Spec
from mcai.topology.accounts import focus
from mcai.topology.cross_account import SWITCH
from mcai.topology.model import Topology

__all__ = ["derive_paths", "UsePath", "Use", "NetworkPath"]
T = TypeVar("T")


def derive_paths(vspec: ValidSpec, topology: Topology) -> tuple[UsePath, ...]:
    """Every use with its complete path; raises `SpecError` listing every broken one, each at its spec location."""
    out: list[UsePath] = []
    problems: list[Diagnostic] = []
    for use in collect(vspec.spec):
        where = vspec.source.key(use.spec_path)
        found: list[Broken] = []
        # a use is read in its user's account (a workload, or a retrieval store ingesting its documents)
        key = use.workload if element_of(vspec.spec, use.workload) else use.target
        user = element_of(vspec.spec, key)
        spec, seen = focus(vspec.spec, topology, *user, key) if user else (vspec.spec, topology)
        # every missing hop of a use at once: its identity and its network path are checked independently
        identity = _attempt(found, identity_path, spec, seen, use)
        off_home = reach.off_home(vspec.spec, use)
        network = _attempt(found, network_path, spec, seen, use, off_home)
        prerequisites = (_attempt(found, _prerequisites, replace(vspec, spec=spec), seen, use, off_home) if not found
                         else None)
        problems += [Diagnostic(use.spec_path, b.message, where) for b in found]
        if identity is not None and network is not None and prerequisites is not None:
            out.append(UsePath(use, identity, network, prerequisites, _works_after(seen, use, network, spec)))
    if problems:
        raise SpecError(vspec.filename, problems)
    return tuple(out + landing_paths(topology))


def _attempt(found: list[Broken], fn: Callable[..., T], *args: Any) -> T | None:
    try:
        return fn(*args)
    except Broken as broken:
        found.append(broken)
        return None


def _prerequisites(vspec: ValidSpec, topology: Topology, use: Use, off_home: str | None = None) -> tuple[str, ...]:
    spec = vspec.spec
    out: list[str] = []
    if use.target_cloud == "gcp":
        # the focused project's, with several (topology.accounts.focus); a model in another project: that project's
        stack = other_project(spec, topology, use) or topology.stacks_of("gcp")[0]
        needed = {"model": "aiplatform.googleapis.com", "cache": "memorystore.googleapis.com",
                  "BigQuery dataset": "bigquery.googleapis.com", "Cloud Storage bucket": "storage.googleapis.com",
                  "Vertex AI Vector Search index": "aiplatform.googleapis.com"}
        if use.kind == "ingestion":
            apis = ["aiplatform.googleapis.com", "storage.googleapis.com"]
        else:
            apis = [needed[use.kind] if use.kind in needed else needed[use.service]]
        # a GKE workload's own metadata server exchanges its token; an ingestion runs inside Google Cloud
        if use.kind != "ingestion" and spec.workloads[use.workload].runs_on.kind != "gke":
            apis.append("sts.googleapis.com")
        ident = spec.identity.get(use.workload)
        if ident and ident.gcp and ident.gcp.grant == "impersonation":
            apis.append("iamcredentials.googleapis.com")
        missing = [a for a in apis if a not in stack.google_apis]
        if missing:
            raise Broken(f"the gcp stack does not enable {', '.join(missing)}, which this use needs")
        out.append("Google APIs enabled by the gcp stack: " + ", ".join(sorted(apis)))
    model = spec.models.get(use.target) if use.kind == "model" else None
    if model is not None and model.provider == "bedrock":
        if model.model.startswith("anthropic."):
            out.append(f"model access for {model.model}: {step_ref(topology, MODEL_ACCESS, model.model)}")
        if model.provisioned is not None:
            out.append(f"model units for {model.model} through AWS Support: "
                       f"{step_ref(topology, MODEL_UNITS, model.model)}")
    crossing = crossed(spec, topology, use)
    if crossing is not None:
        out.append(f"sts:AssumeRole of {crossing.role_arn} reaches sts.{spec.clouds.aws.region}.amazonaws.com from "
                   "the caller's VPC (NAT, or an STS interface endpoint the VPC already has: mcai creates none, as "
                   "its private DNS would move STS for every caller in that VPC)")
    for i, link in enumerate(spec.links if use.workload in spec.workloads and off_home is None else ()):
        if set(link.between) == {spec.workloads[use.workload].runs_on.cloud, use.target_cloud}:
            partner = [v.name for s in topology.stacks for v in s.variables
                       if (v.name.startswith(PARTNER_INPUTS) and v.name.endswith(use.target_cloud))
                       or (v.name == PARTNER_PEERING and "aws" not in link.between)]
            out.append(f"links[{i}] built and carrying traffic (its numbered steps"
                       + (f"; partner-supplied inputs {', '.join(partner)}" if partner else "") + ")")
            break
    return tuple(out)


PARTNER_INPUTS = ("dx_connection_id_", "dx_hosted_connection_")
PARTNER_PEERING = "gcp_expressroute_private_peering"  # Azure <-> GCP: the ExpressRoute peering the partner assigns
MODEL_ACCESS = "Model access (prerequisite"
MODEL_UNITS = "Bedrock provisioned throughput"


def _works_after(topology: Topology, use: Use, network: NetworkPath, spec: Spec) -> str:
    """The last numbered step the use waits for (network hand-over, model access), else the last apply it needs."""
    needles: list[tuple[str, str]] = []  # (needle, also): per-account Bedrock steps name the model they are for
    model = spec.models.get(use.target) if use.kind == "model" else None
    if model is not None and model.provider == "bedrock":
        needles += [(MODEL_ACCESS, model.model)] if model.model.startswith("anthropic.") else []
        needles += [(MODEL_UNITS, model.model)] if getattr(model, "provisioned", None) is not None else []
    if retrieval.is_query(spec, use):
        needles.append((retrieval.query_waits_for(use), ""))
    crossing = crossed(spec, topology, use)
    if crossing is not None and crossing.role.count:
        needles.append((f"set {SWITCH} = true and re-apply {crossing.stack.name}", ""))
    waits = [(step_number(topology, n, also) or 0, step_ref(topology, n, also)) for n, also in needles
             if step_number(topology, n, also)]
    if network.works_after:
        waits.append((int(network.works_after.split()[2].rstrip(":")), network.works_after))
    if waits:
        return max(waits)[1]
    stack = next(iter(topology.stacks_of(use.target_cloud)), None)
    clouds = {spec.workloads[use.workload].runs_on.cloud, use.target_cloud}
    last = max((s for c in clouds for s in topology.stacks_of(c)), key=lambda s: s.apply_order, default=stack)
    return f"apply of the {last.name} stack (stack {last.apply_order})" if last else ""
