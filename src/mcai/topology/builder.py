"""What every cloud's stack derivation accumulates, in one place: module calls, root inputs, outputs and manual
steps, plus the naming helpers they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mcai.spec import ValidSpec
from mcai.topology.common import backend_for
from mcai.topology.model import Expr, ModuleCall, Moved, Output, ProviderRequirement, Stack, Variable
from mcai.topology.names import Namer


def label(kind: str, key: str) -> str:
    """A Terraform identifier from a slug (`data`, `docs-v2` -> `data_docs_v2`)."""
    return f"{kind}_{key.replace('-', '_')}"


@dataclass
class StackBuilder:
    """Base of the per-cloud builders; a builder only appends, and `derive()` freezes the result into a `Stack`."""

    vspec: ValidSpec
    namer: Namer
    modules: list[ModuleCall] = field(default_factory=list)
    variables: dict[str, Variable] = field(default_factory=dict)
    outputs: list[Output] = field(default_factory=list)
    manual_steps: list[str] = field(default_factory=list)
    replaced_on_change: dict[str, str] = field(default_factory=dict)
    moved: list[Moved] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    """Generated data files of the stack (path inside it -> text), e.g. definitions Terraform cannot apply."""

    @property
    def prefix(self) -> str:
        """`<name>-<environment>`: the start of every resource name."""
        return self.vspec.spec.prefix

    def input_variable(self, name: str, type_: str, description: str) -> Expr:
        """A root input the user must supply (listed in the generated README); declared once however often used."""
        self.variables.setdefault(name, Variable(name, type_, description))
        return Expr(f"var.{name}")

    def freeze(self, cloud: str, account: str, provider: ProviderRequirement, provider_settings: dict[str, Any],
               state_region: str | None, module_rank: dict[str, int] | None = None) -> Stack:
        """The immutable stack: modules in `module_rank` order (then by label; as added without a rank), inputs
        and outputs by name."""
        spec = self.vspec.spec
        modules = self.modules if module_rank is None else sorted(
            self.modules, key=lambda m: (module_rank.get(m.module, len(module_rank)), m.label))
        return Stack(
            name=cloud, cloud=cloud, account=account, apply_order=0, providers=(provider,),
            provider_settings=provider_settings,
            backend=backend_for(spec.control_plane, spec.name, spec.environment, cloud, state_region),
            modules=tuple(modules),
            variables=tuple(sorted(self.variables.values(), key=lambda v: v.name)),
            outputs=tuple(sorted(self.outputs, key=lambda o: o.name)), manual_steps=tuple(self.manual_steps),
            moved=tuple(sorted(self.moved, key=lambda m: (m.module, m.type, m.key))),
            replaced_on_change=dict(self.replaced_on_change), files=tuple(sorted(self.files.items())))
