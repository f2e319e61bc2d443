"""Derive the optional `bootstrap/` stack in the control-plane cloud: the Terraform state backend every stack uses and
the keyless CI identities (one per pipeline, admitted for one repository and one branch or environment).

The bootstrap is applied first, with local state (it creates the backend it will live in), then its state is
migrated into that backend; every other stack's backend.hcl.example names the bucket it created. Per-cloud
derivations are in `bootstrap_clouds.py` (the control plane) and `bootstrap_ci.py` (CI identities in every other
account); what they share is in `bootstrap_common.py`.
"""

from __future__ import annotations

from dataclasses import replace

from mcai.spec import ValidSpec
from mcai.topology import bootstrap_ci, bootstrap_clouds
from mcai.topology.bootstrap_common import backend
from mcai.topology.model import Stack
from mcai.topology.names import Namer


def derive(vspec: ValidSpec, namer: Namer, stacks: list[Stack]) -> list[Stack]:
    """`stacks` with the bootstrap stack first and every backend pointing at its state store; unchanged without a
    `bootstrap` section."""
    if vspec.spec.bootstrap is None:
        return stacks
    stack, names = bootstrap_clouds.build(vspec, namer)
    ci = bootstrap_ci.stacks(vspec, namer, names)  # CI identities in every other account, applied right after it
    return [stack, *ci] + [replace(s, backend=backend(vspec, names, s.name)) for s in stacks]
