"""Terragrunt units for the generated stacks (spec `terragrunt: true`): one `terragrunt.hcl` beside each stack's
Terraform, so `terragrunt run --all plan` in OUT plans every stack in apply order.

Each unit passes the partial backend its `backend.hcl` (`extra_arguments` on init), orders itself after the stacks
applied before it (`dependencies`), and wires every hand-over (`Variable.handover`) whose source is applied earlier
as a `dependency` block with mock outputs for `validate`/`plan` before that stack has state. A hand-over from a stack
applied later (the VPN addresses the aws end needs from its peer) cannot be a dependency (Terragrunt refuses cycles):
the unit lists it as the input its numbered step sets. The bootstrap stack gets no unit: it is applied by hand first,
with local state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mcai.topology.model import Expr, Stack, Topology, Variable

MOCK_COMMANDS = ("init", "validate", "plan")


@dataclass(frozen=True)
class Dependency:
    stack: str
    mocks: dict[str, Any]
    inputs: dict[str, str]  # variable -> output


@dataclass(frozen=True)
class Unit:
    stack: Stack
    after: tuple[str, ...]
    dependencies: tuple[Dependency, ...]
    later: tuple[Variable, ...]
    """Hand-overs from stacks applied after this one: set by their numbered step."""

    @property
    def inputs(self) -> dict[str, Expr]:
        return {name: Expr(f"dependency.{d.stack}.outputs.{output}") for d in self.dependencies
                for name, output in sorted(d.inputs.items())}


def units(topology: Topology) -> tuple[Unit, ...]:
    stacks = [s for s in topology.stacks if not s.bootstrap]
    order = {s.name: s.apply_order for s in stacks}
    out = []
    for stack in stacks:
        handed = [v for v in stack.variables if v.handover is not None and v.handover[0] in order]
        earlier = [v for v in handed if order[v.handover[0]] < stack.apply_order]  # type: ignore[index]
        deps = []
        for source in sorted({v.handover[0] for v in earlier}, key=order.__getitem__):  # type: ignore[index]
            mine = sorted((v for v in earlier if v.handover[0] == source), key=lambda v: v.name)  # type: ignore[index]
            deps.append(Dependency(source, {v.handover[1]: mock(v) for v in mine},  # type: ignore[index]
                                   {v.name: v.handover[1] for v in mine}))  # type: ignore[index]
        out.append(Unit(stack, tuple(s.name for s in stacks if s.apply_order < stack.apply_order), tuple(deps),
                        tuple(sorted((v for v in handed if v not in earlier), key=lambda v: v.name))))
    return tuple(out)


def mock(v: Variable) -> Any:
    """A value of the variable's type for plans before the source stack has state: its default, else by type."""
    if not v.required:
        return v.default
    kind = re.match(r"\w+", v.type)
    return {"string": f"mock-{v.name}", "number": 0, "bool": False, "list": [], "set": [], "map": {},
            "object": {}}.get(kind.group(0) if kind else "")
