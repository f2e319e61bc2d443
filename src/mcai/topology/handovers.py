"""Hand-overs between stacks: a root input whose value is another stack's output (`Variable.handover`).

By default the value is copied by hand, as the numbered steps say (the route for teams whose state is split). With
`bootstrap.handovers: remote_state` every declared hand-over is instead read from the control-plane backend with a
`data "terraform_remote_state"` block: the input disappears and each reference to it reads the other stack's output.
Nothing here knows which hand-overs exist: any input declared with `handover=(stack, output)` gets it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from mcai.spec import Spec, ValidSpec
from mcai.topology.model import Expr, RemoteState, Stack


def remote(spec: Spec) -> bool:
    b = spec.bootstrap
    return b is not None and b.handovers == "remote_state"


def step_text(spec: Spec, source: str, output: str, target: str, variable: str) -> str:
    """How a step tells the user to carry `source`'s output into `target`: a copy, or nothing to copy."""
    if remote(spec):
        return f"the {target} stack reads the {source} output `{output}` from the state backend (nothing to copy)"
    return f"copy the {source} output `{output}` into the {target} variable `{variable}`"


def reference(stack: str, output: str) -> str:
    return f"data.terraform_remote_state.{stack}.outputs.{output}"


def to_home_stacks(spec: Spec, stacks: list[Stack]) -> list[Stack]:
    """Hand-overs written against a cloud (`("aws", output)`, as the link builders write them) name that cloud's
    home stack (`aws-network`) when the cloud has named accounts, so remote state and Terragrunt read the right one."""
    from mcai.spec.accounts import home_of

    homes = {c: f"{c}-{home_of(getattr(spec.clouds, c))}" for c in ("aws", "azure", "gcp")
             if home_of(getattr(spec.clouds, c)) is not None}
    if not homes:
        return stacks

    def named(v: Any) -> Any:
        return replace(v, handover=(homes[v.handover[0]], v.handover[1])) \
            if v.handover is not None and v.handover[0] in homes else v
    return [replace(s, variables=tuple(named(v) for v in s.variables)) for s in stacks]


def resolve(vspec: ValidSpec, stacks: list[Stack]) -> list[Stack]:
    """`stacks` with every declared hand-over read from remote state, when the spec asks for it."""
    if not remote(vspec.spec):
        return stacks
    backends = {s.name: s.backend for s in stacks}
    return [_read_remotely(s, backends) for s in stacks]


def _read_remotely(stack: Stack, backends: dict[str, Any]) -> Stack:
    handed = {v.name: v for v in stack.variables if v.handover is not None and v.handover[0] in backends}
    if not handed:
        return stack
    targets = {name: reference(*v.handover) for name, v in handed.items() if v.handover}  # type: ignore[misc]
    pattern = re.compile(r"\bvar\.(" + "|".join(re.escape(n) for n in sorted(handed)) + r")\b")

    def rewrite(value: Any) -> Any:
        if isinstance(value, Expr):
            return Expr(pattern.sub(lambda m: targets[m.group(1)], value.text))
        if isinstance(value, dict):
            return {k: rewrite(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(rewrite(v) for v in value)
        return value

    modules = tuple(replace(m, inputs=rewrite(m.inputs)) for m in stack.modules)
    sources: dict[str, dict[str, Any]] = {}
    for v in sorted(handed.values(), key=lambda v: v.name):
        assert v.handover is not None
        defaults = sources.setdefault(v.handover[0], {})
        if not v.required:  # an output the other stack writes only later (e.g. tunnels before its first apply)
            defaults[v.handover[1]] = v.default
    # reading takes no lock: the data source gets the backend's location only
    remote_states = tuple(RemoteState(name, replace(backends[name], settings={
        k: v for k, v in backends[name].settings.items() if k != "use_lockfile"}), dict(sorted(d.items())))
                          for name, d in sorted(sources.items()))
    return replace(stack, modules=modules, remote_states=remote_states,
                   variables=tuple(v for v in stack.variables if v.name not in handed))
