"""What the path model produces: one `UsePath` per use, or a `Broken` hop that becomes a located spec error."""

from __future__ import annotations

from dataclasses import dataclass

from mcai.diagnostics import Path

LANDING = "landing"
"""Kind of a use whose principal copies one cloud's audit logs into the control plane's log store."""
NOT_WORKLOADS = frozenset({"ingestion", LANDING})
"""Kinds of uses whose principal is a service's own identity, not a workload of the spec."""


@dataclass(frozen=True)
class Use:
    """A workload using something: a model in the routing chain (or its spillover), a data store, the cache."""

    workload: str
    kind: str
    """`model`, `data`, `cache`, `ingestion` (a retrieval store's own identity embedding its documents) or `landing`
    (a service's principal copying the audit logs of stack `target` into the control plane's log store)."""
    target: str
    """Key of the model or data store (`cache` for the response cache)."""
    target_cloud: str
    service: str
    """What is called, e.g. `Azure OpenAI (gpt-4o)`, `BigQuery dataset`, `Bedrock`."""
    spec_path: Path
    """Where the spec declares the use: a use without a complete path is reported there."""
    via: str = ""
    """How the spec makes it a use (`routing.chain`, `spillover of gpt4o`, `used_by`, ...)."""

    @property
    def by_workload(self) -> bool:
        """The principal is a workload of the spec (not a retrieval store's or a log transfer's own identity)."""
        return self.kind not in NOT_WORKLOADS

    @property
    def what(self) -> str:
        """How messages name the used thing: `model 'gpt4o' (Azure OpenAI, gpt-4o)`, `BigQuery dataset 'x'`."""
        if self.kind == "model":
            return f"model '{self.target}' ({self.service})"
        if self.kind == "cache":
            return f"the response cache ({self.service})"
        if self.kind == "ingestion":
            return f"the ingestion of '{self.target}' ({self.service})"
        if self.kind == LANDING:
            return f"the audit landing of stack '{self.target}' ({self.service})"
        return f"{self.service} '{self.target}'"


@dataclass(frozen=True)
class Broken(Exception):
    """A missing or impossible hop, with how to add it."""

    message: str


@dataclass(frozen=True)
class NetworkPath:
    kind: str
    """`same-cloud`, `private-link` or `public`."""
    description: str
    dns_name: str
    works_after: str = ""
    """The numbered manual step after which this path works ("" once the stacks are applied)."""


@dataclass(frozen=True)
class UsePath:
    """One use with its complete identity path and network path, its prerequisites and the step it works from."""

    use: Use
    identity: tuple[str, ...]
    """Hops from the workload's home identity to the grant scoped to the target."""
    network: NetworkPath
    prerequisites: tuple[str, ...]
    works_after: str
    """The last apply or numbered manual step the path needs."""
