"""Manual steps name the stack a reader applies. Builders write "the aws stack" (they build one stack of their cloud
and do not know its final name); with several named accounts there is no `aws/` stack, only `aws-<account>/`, so
each such phrase is rewritten: in a stack of that cloud it is the stack itself (a builder only ever refers to the
stack it builds), elsewhere it is the cloud's home account's stack (where links, federation targets and the
hand-overs other clouds read live)."""

from __future__ import annotations

from dataclasses import replace

from mcai.spec.accounts import accounts_of, home_of, stack_name
from mcai.spec.models import Spec
from mcai.topology.model import Stack

CLOUDS = ("aws", "azure", "gcp")


def name_stacks_in_steps(stacks: list[Stack], spec: Spec) -> list[Stack]:
    homes = {c: stack_name(c, home_of(getattr(spec.clouds, c))) for c in CLOUDS
             if accounts_of(getattr(spec.clouds, c, None))}
    if not homes:
        return stacks
    out = []
    for stack in stacks:
        steps = []
        for step in stack.manual_steps:
            for cloud, home in homes.items():
                meant = stack.name if stack.cloud == cloud and stack.name.startswith(f"{cloud}-") else home
                step = step.replace(f"the {cloud} stack", f"the {meant} stack")
            steps.append(step)
        out.append(replace(stack, manual_steps=tuple(steps)))
    return out
