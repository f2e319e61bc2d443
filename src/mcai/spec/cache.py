"""The response cache at a cloud boundary, on any of the three clouds, reached with that cloud's identity only:
ElastiCache with IAM auth (aws), Azure Managed Redis with Entra ID and access keys off (azure), Memorystore for Valkey
with IAM auth (gcp). Engine and size default per cloud; what a cloud lacks (a managed Valkey on Azure) is a located
error from the rule below, not an apply-time failure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, model_validator

from mcai.spec.base import StrictModel
from mcai.spec.types import Slug

# What each cloud runs, and the size when the spec gives none.
ENGINES = {"aws": ("valkey", "redis"), "azure": ("redis",), "gcp": ("valkey",)}
DEFAULT_NODE_TYPE = {"aws": "cache.r7g.large", "azure": "Balanced_B1", "gcp": "HIGHMEM_MEDIUM"}
SERVICE = {"aws": "ElastiCache", "azure": "Azure Managed Redis", "gcp": "Memorystore for Valkey"}
MAX_REPLICAS = {"aws": 5, "azure": 1, "gcp": 5}
NODE_TYPES = {
    "aws": (r"cache\.[a-z0-9]+\.[a-z0-9]+", "an ElastiCache node type like cache.r7g.xlarge"),
    "azure": (r"(Balanced_B|MemoryOptimized_M|ComputeOptimized_X|FlashOptimized_A)[0-9]+",
              "an Azure Managed Redis SKU like Balanced_B1, MemoryOptimized_M10 or ComputeOptimized_X3"),
    "gcp": (r"SHARED_CORE_NANO|STANDARD_SMALL|HIGHMEM_MEDIUM|HIGHMEM_XLARGE",
            "a Memorystore for Valkey node type: STANDARD_SMALL, HIGHMEM_MEDIUM, HIGHMEM_XLARGE (or SHARED_CORE_NANO, "
            "without an SLA)"),
}


class ResponseCache(StrictModel):
    """A response cache at the cloud boundary, reached with the cloud's identity auth only: ElastiCache (aws),
    Azure Managed Redis (azure), Memorystore for Valkey (gcp); private endpoints, TLS, no password or key."""

    cloud: Literal["aws", "azure", "gcp"]
    """Where the cache runs: keep it where the router runs, so repeated prompts never cross a cloud boundary."""
    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    engine: Literal["valkey", "redis"] | None = None
    """Default: valkey on aws and gcp, redis on azure (Azure has no managed Valkey; mcai renders Memorystore for
    Valkey on gcp)."""
    node_type: str | None = Field(default=None, max_length=40)
    """Size: an ElastiCache node type on aws (default cache.r7g.large), an Azure Managed Redis SKU on azure (default
    Balanced_B1), a Memorystore node type on gcp (default HIGHMEM_MEDIUM)."""
    replicas: int = Field(default=1, ge=0, le=5)
    """Read replicas; with one or more the cache survives a node or zone failure (Azure: high availability on or
    off, so 0 or 1)."""
    expected_hit_rate: float = Field(default=0.0, ge=0.0, lt=1.0)
    """Share of model calls answered from the cache (used by the cost estimate)."""

    @model_validator(mode="after")
    def _defaults_by_cloud(self) -> ResponseCache:
        """Engine and size default by cloud, filled in once so every later stage reads one value."""
        if self.engine is None:
            object.__setattr__(self, "engine", ENGINES[self.cloud][0])
        if self.node_type is None:
            object.__setattr__(self, "node_type", DEFAULT_NODE_TYPE[self.cloud])
        return self


def cache_problems(cache: ResponseCache) -> Iterator[tuple[tuple[str, ...], str]]:
    """What the cache's cloud cannot run, each at its field (paths relative to the cache)."""
    engines = ENGINES[cache.cloud]
    if cache.engine not in engines:
        why = ("Azure has no managed Valkey: Azure Managed Redis runs Redis" if cache.cloud == "azure" else
               "mcai renders Memorystore for Valkey on gcp (Memorystore for Redis Cluster is not supported yet)")
        yield ("engine",), (f"engine '{cache.engine}' is not available for a cache on {cache.cloud}: {why}; use "
                            f"'{engines[0]}' (the default there)")
    regex, hint = NODE_TYPES[cache.cloud]
    if not re.fullmatch(regex, str(cache.node_type)):
        yield ("node_type",), f"must be {hint} for a cache on {cache.cloud} (got {cache.node_type!r})"
    if cache.replicas > MAX_REPLICAS[cache.cloud]:
        yield ("replicas",), (f"{SERVICE[cache.cloud]} has high availability on or off: replicas must be 0 or 1 "
                              f"(got {cache.replicas})")
