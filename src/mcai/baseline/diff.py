"""Compare two sets of manifest resource records (pure): per stack and resource, create / change / replace /
destroy. The records come from `baseline.records` (current plan) and from the baseline tree's manifest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Action = Literal["create", "change", "replace", "destroy"]
Records = Mapping[str, Mapping[str, Mapping[str, Any]]]


@dataclass(frozen=True)
class ResourceChange:
    stack: str
    address: str
    action: Action
    resource_class: str  # "stateful", "committed" or ""
    spec_path: str

    @property
    def type(self) -> str:
        """`module.<call>.<type>.<name>` -> type."""
        return self.address.split(".")[2] if self.address.count(".") >= 3 else ""

    @property
    def dangerous(self) -> bool:
        """Destroys data or committed capacity: replacement or destruction of a stateful or committed resource."""
        return self.action in ("replace", "destroy") and bool(self.resource_class)


def follow_moves(before: Mapping[str, Any], moved: list[list[str]]) -> dict[str, Any]:
    """Baseline addresses renamed as the current `moved` blocks say (an exact address, a whole resource and all its
    instances, or a whole module call and everything in it), so Terraform's moves are neither destroys nor creates."""
    out = dict(before)
    for source, target in moved:
        whole = not source.endswith("]") and not target.endswith("]")  # a resource or module call: all it holds
        for address in sorted(out):
            if address == source or (whole and address.startswith((source + "[", source + "."))):
                out[target + address[len(source):]] = out.pop(address)
    return out


def compare(baseline: Records, current: Records, moved: Mapping[str, list[list[str]]] | None = None
            ) -> list[ResourceChange]:
    """Every resource that differs, in stack then address order; `moved`: the current tree's moves per stack."""
    out: list[ResourceChange] = []
    for stack in sorted(set(baseline) | set(current)):
        before = follow_moves(baseline.get(stack, {}), list((moved or {}).get(stack, [])))
        after = current.get(stack, {})
        for address in sorted(set(before) | set(after)):
            old, new = before.get(address), after.get(address)
            if old is None and new is not None:
                action: Action | None = "create"
            elif new is None and old is not None:
                action = "destroy"
            elif old is not None and new is not None and old.get("identity") != new.get("identity"):
                action = "replace"
            elif old is not None and new is not None and old.get("values") != new.get("values"):
                action = "change"
            else:
                action = None
            if action is not None:
                rec = new if new is not None else old
                assert rec is not None
                out.append(ResourceChange(stack, address, action, str(rec.get("class", "")),
                                          str(rec.get("spec_path", ""))))
    return out


def counts(changes: list[ResourceChange]) -> dict[str, dict[str, int]]:
    """stack -> action -> count."""
    out: dict[str, dict[str, int]] = {}
    for c in changes:
        per = out.setdefault(c.stack, {})
        per[c.action] = per.get(c.action, 0) + 1
    return out
