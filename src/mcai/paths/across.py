"""The hop of a use between two AWS accounts (topology/cross_account.py), read back from the derived topology: the
role the caller assumes in the target's account, and the statement there that grants the use. Both the identity
path (caller role -> assumed role -> grant) and the network path (the caller's own VPC endpoint, which serves every
account of its region) read it here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from mcai.paths.model import Use
from mcai.paths.steps import step_ref
from mcai.spec.models import Spec
from mcai.topology.cross_account import SWITCH
from mcai.topology.model import ModuleCall, Stack, Topology

AWS_STATEMENT = {"cache": "ConnectResponseCache"}
STORE_VERB = {"s3": "Read", "bedrock_knowledge_base": "Retrieve"}


def aws_sid(spec: Spec, use: Use) -> str:
    """The Sid of the statement that grants a use on AWS (the same in the caller's role or in an assumed role)."""
    camel = "".join(p.capitalize() for p in use.target.split("-"))
    return AWS_STATEMENT.get(use.kind) or (
        f"Invoke{camel}" if use.kind == "model" else STORE_VERB.get(spec.data[use.target].kind, "Query") + camel)


@dataclass(frozen=True)
class Crossed:
    """The target side of a use in another AWS account."""

    stack: Stack
    role: ModuleCall
    statement: dict[str, Any]

    @property
    def role_arn(self) -> str:
        return f"arn:aws:iam::{self.stack.account}:role/{self.role.inputs['role_name']}"

    @property
    def region(self) -> str:
        return str(self.stack.provider_settings.get("region", ""))


def crossed(spec: Spec, topology: Topology, use: Use) -> Crossed | None:
    """Where the use is granted when that is a role another account's stack holds for the workload; None when the
    use stays in the workload's account (or is not on AWS)."""
    if use.target_cloud != "aws" or use.kind == "ingestion" or not topology.focus:
        return None
    label = "caller_" + use.workload.replace("-", "_")
    sid = aws_sid(spec, use)
    for stack in replace(topology, focus=()).stacks_of("aws"):
        call = stack.calls_by_label.get(label)
        statement = next((s for s in call.inputs["statements"] if s["sid"] == sid), None) if call else None
        if call is not None and statement is not None:
            return Crossed(stack, call, statement)
    return None


def waits_for(topology: Topology, crossing: Crossed) -> str:
    """The numbered step that creates the assumed role ("" when it is created on the first apply)."""
    return step_ref(topology, f"set {SWITCH} = true and re-apply {crossing.stack.name}") if crossing.role.count else ""


def other_project(spec: Spec, topology: Topology, use: Use) -> Stack | None:
    """The stack of the GCP project a GKE workload's Vertex AI model is placed in, when that is not the workload's
    own project (topology/gcp_access.py `cross_project_grants`); None otherwise."""
    model = spec.models.get(use.target) if use.kind == "model" else None
    runtime = spec.workloads[use.workload].runs_on if use.workload in spec.workloads else None
    if model is None or model.provider != "vertex" or getattr(runtime, "kind", None) != "gke" or not topology.focus:
        return None
    name = f"gcp-{model.account}" if model.account else None
    if name is None or dict(topology.focus).get("gcp") == name:
        return None
    return next((s for s in replace(topology, focus=()).stacks_of("gcp") if s.name == name), None)
