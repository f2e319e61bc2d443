"""Audit landings as uses: each cloud's audit logs copied into the control plane's log store by a principal that is
no workload (a transfer agent, a connector's app, a push service account). The stack that renders a copy records it
(`topology.model.Landing`, next to the module call it describes); this turns each record into a use path, so the
report's paths view, the findings and the diagram show landings beside the workloads' uses. A new landing needs no
code here: append a `Landing` to the additions of the stack holding the store."""

from __future__ import annotations

from mcai.paths.model import LANDING, NetworkPath, Use, UsePath
from mcai.paths.steps import step_ref
from mcai.topology.model import Landing, Topology


def landing_paths(topology: Topology) -> list[UsePath]:
    """One path per landing, in apply order of the stacks holding the stores."""
    return [_path(topology, landing, store.name) for store in topology.workload_stacks for landing in store.landings]


def _path(topology: Topology, landing: Landing, store: str) -> UsePath:
    use = Use(landing.principal, LANDING, landing.source, landing.source_cloud, f"{landing.logs} -> {landing.store}",
              landing.spec_path, "audit.land_in")
    step = step_ref(topology, landing.step) if landing.step else ""
    network = NetworkPath("public", landing.network, landing.endpoints, step)
    return UsePath(use, landing.identity, network, landing.prerequisites, step or _last_apply(topology, landing.source, store))


def _last_apply(topology: Topology, source: str, store: str) -> str:
    last = max((s for s in topology.stacks if s.name in (source, store)), key=lambda s: s.apply_order)
    return f"apply of the {last.name} stack (stack {last.apply_order})"
