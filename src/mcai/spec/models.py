"""The topology spec: the one YAML document a platform team writes.

Cloud slices contribute their objects through the unions below (`ModelSpec`, `DataStore`, `Runtime`); the rest of
mcai only sees validated, frozen instances.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from mcai.spec.accounts import AwsDeclared, AzureDeclared, GcpDeclared
from mcai.spec.acknowledge import Acknowledgement
from mcai.spec.audit import Audit
from mcai.spec.aws import BedrockModel, EksRuntime, OpenSearchServerless, S3Store
from mcai.spec.azure import AzureOpenAIModel, BlobDocuments
from mcai.spec.base import LAX, StrictModel
from mcai.spec.bootstrap import Bootstrap
from mcai.spec.budgets import Budgets
from mcai.spec.cache import ResponseCache
from mcai.spec.gcp import BigQueryDataset, GcsBucket, VertexModel
from mcai.spec.identity import WorkloadIdentity
from mcai.spec.links import Link
from mcai.spec.retrieval import AzureAISearch, BedrockKnowledgeBase, VertexVectorSearch
from mcai.spec.runtimes import CLUSTER_VIA, AksRuntime, GkeRuntime
from mcai.spec.types import EnvironmentName, FormatVersion, ImportPath, Slug, TagKey, TagValue
from mcai.spec.usage import Usage

CloudName = Literal["aws", "azure", "gcp"]
PublicReason = Annotated[str, Field(min_length=3, max_length=200)]

ModelSpec = Annotated[BedrockModel | AzureOpenAIModel | VertexModel, Field(discriminator="provider")]
DataStore = Annotated[S3Store | OpenSearchServerless | BigQueryDataset | GcsBucket | BlobDocuments
                      | BedrockKnowledgeBase | AzureAISearch | VertexVectorSearch,
                      Field(discriminator="kind")]
Runtime = Annotated[EksRuntime | GkeRuntime | AksRuntime, Field(discriminator="kind")]


class Clouds(StrictModel):
    """The clouds of the estate: each one account (one mapping, stack `<cloud>/`) or several named accounts
    (`accounts:` + `home:`, one stack `<cloud>-<account>/` each). To move a cloud to several accounts, indent its
    mapping under `accounts: {<name>: ...}`, add `home: <name>` and give each of its workloads, models, data stores
    and cache `account: <name>`."""

    aws: AwsDeclared | None = None
    """An AWS account (`account_id`, `region`, ...) or several (`accounts:` + `home:`)."""
    azure: AzureDeclared | None = None
    """An Azure subscription (`subscription_id`, `location`, ...) or several (`accounts:` + `home:`)."""
    gcp: GcpDeclared | None = None
    """A Google Cloud project (`project_id`, `region`, ...) or several (`accounts:` + `home:`)."""


class Workload(StrictModel):
    """Something that runs and calls models (e.g. the inference router); it gets identities, never keys."""

    runs_on: Runtime
    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    description: str | None = Field(default=None, max_length=200)
    public_access: dict[Slug, PublicReason] = Field(default_factory=dict, max_length=50)
    """Targets in another cloud (model or data store keys) this workload may reach over their public endpoint,
    each with the reason, e.g. `{gemini-pro: no private link to GCP yet}`. Every other use in another cloud must
    have a private path (a link plus private DNS), or `mcai validate` reports it."""


class Routing(StrictModel):
    """How the router reaches models: an ordered fallback chain and an optional response cache."""

    router: str
    """The workload that calls the models."""
    chain: Annotated[tuple[str, ...], LAX] = Field(min_length=1, max_length=10)
    """Models in order: primary first, then fallbacks when unavailable or throttled."""
    cache: ResponseCache | None = None


class Spec(StrictModel):
    """An mcai topology spec (version 1)."""

    version: FormatVersion
    """Spec format version. Only 1 exists."""
    imports: Annotated[tuple[ImportPath, ...], LAX] = Field(default=(), max_length=20)
    """Files (paths relative to this one, `/`-separated) whose values this spec starts from, applied in order; this
    file's own values override them: mappings merge key by key, a scalar or list replaces the earlier one whole.
    An imported file holds any spec keys (it need not be a whole spec) and may import others."""
    name: Slug
    """Name of the estate; prefixes every resource name."""
    environment: EnvironmentName
    """Environment (prod, staging, dev1...); part of every resource name and state key."""
    control_plane: CloudName
    """The one cloud that holds Terraform state, CI identity and monitoring."""
    tags: dict[TagKey, TagValue] = Field(default_factory=dict, max_length=40)
    """Tags (labels) put on every resource that supports them."""
    clouds: Clouds
    workloads: dict[Slug, Workload] = Field(default_factory=dict)
    models: dict[Slug, ModelSpec] = Field(default_factory=dict)
    routing: Routing | None = None
    data: dict[Slug, DataStore] = Field(default_factory=dict)
    identity: dict[Slug, WorkloadIdentity] = Field(default_factory=dict)
    """Workload identity federation, keyed by workload: the other clouds it reaches and what it may do there."""
    links: Annotated[tuple[Link, ...], LAX] = Field(default=(), max_length=10)
    """Private links between clouds (ExpressRoute, Interconnect, HA VPN); both ends are rendered."""
    usage: Usage | None = None
    """Expected traffic; drives the cost estimate and sizing findings."""
    budgets: Budgets | None = None
    """A budget per cloud account from the monthly estimate plus a margin, alerting the given addresses."""
    audit: Audit | None = None
    """A CloudTrail trail for the AWS account's Bedrock calls, and where each cloud's audit logs land."""
    bootstrap: Bootstrap | None = None
    """A first stack in the control-plane cloud: the Terraform state backend and keyless CI identities."""
    terragrunt: bool = False
    """Also write a Terragrunt unit (`terragrunt.hcl`) beside each stack: backend.hcl on init, apply order as
    `dependencies`, hand-overs from earlier stacks as `dependency` blocks with mock outputs for plan."""
    acknowledgements: Annotated[tuple[Acknowledgement, ...], LAX] = Field(default=(), max_length=200)
    """Findings the team accepts (id + spec path + reason + optional expiry); they stop failing `--fail-on`."""

    @model_validator(mode="after")
    def _cluster_tokens_by_default(self) -> Spec:
        """An identity without `via` trusts the pod's token from its own cluster's issuer: `eks_oidc`, `gke_oidc`
        or `aks_oidc` by the workload's `runs_on.kind`, filled in once here so every later stage reads one value
        (the credential and provider names of EKS workloads stay what they were)."""
        for workload, ident in self.identity.items():
            declared = self.workloads.get(workload)
            via = CLUSTER_VIA[declared.runs_on.kind] if declared is not None else "eks_oidc"
            for access in (ident.azure, ident.gcp):
                if access is not None and access.via is None:
                    object.__setattr__(access, "via", via)  # frozen model: set once, before anyone reads it
        return self

    @property
    def prefix(self) -> str:
        """`<name>-<environment>`: the start of every resource name in every cloud."""
        return f"{self.name}-{self.environment}"
