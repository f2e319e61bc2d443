"""What the hand-off views share: values that exist only after `terraform apply` (`AfterApply`), and how a view's
data becomes text once each of them is known (`resolve`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AfterApply:
    """A value that exists only after apply: one Terraform output of one stack (and a key path inside it).

    Plan-time files show it as a placeholder naming the output; `mcai handoff --from-outputs` fills it in from
    `terraform output -json`. It is never guessed."""

    stack: str
    output: str
    keys: tuple[str, ...] = ()

    @property
    def placeholder(self) -> str:
        inside = "".join(f"[{k}]" for k in self.keys)
        return f"<after apply: {self.stack} output {self.output}{inside}>"


Resolver = Callable[[AfterApply], str]


def placeholder(ref: AfterApply) -> str:
    return ref.placeholder


def resolve(data: Any, value_of: Resolver) -> Any:
    """`data` (dicts, lists, scalars) with every `AfterApply` replaced by `value_of(it)`."""
    if isinstance(data, AfterApply):
        return value_of(data)
    if isinstance(data, dict):
        return {k: resolve(v, value_of) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [resolve(v, value_of) for v in data]
    return data


def refs(data: Any) -> list[AfterApply]:
    """Every `AfterApply` inside `data`, in order."""
    if isinstance(data, AfterApply):
        return [data]
    if isinstance(data, dict):
        return [r for v in data.values() for r in refs(v)]
    if isinstance(data, list | tuple):
        return [r for v in data for r in refs(v)]
    return []


def stack_of(topology: Any, cloud: str) -> str:
    """The directory of the stack an after-apply value is read from: `aws`, or `aws-<account>` for a cloud with
    several accounts (the account the topology is focused on, `topology.accounts.focus`)."""
    return str(topology.stacks_of(cloud)[0].name)
