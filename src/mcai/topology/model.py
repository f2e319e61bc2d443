"""The derived topology: everything templates need, computed once from a valid spec and never mutated.

Templates only format these objects. Values inside `inputs` are plain data (str, int, float, bool, None, lists,
dicts) or `Expr` for Terraform references; user text is always plain data, so the renderer escapes it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from mcai.diagnostics import Path


@dataclass(frozen=True)
class Expr:
    """A Terraform expression written by mcai itself (a reference or function call), rendered verbatim."""

    text: str


@dataclass(frozen=True)
class Resource:
    """One resource a module call creates (type and address inside the module), for the report."""

    type: str
    address: str


@dataclass(frozen=True)
class ModuleCall:
    """A `module` block in a root stack."""

    label: str
    module: str
    purpose: str
    inputs: dict[str, Any]
    resources: tuple[Resource, ...]
    spec_path: Path = ()
    depends_on: tuple[str, ...] = ()
    """Other module blocks (`module.<label>`) this one must wait for: two operations that collide in the cloud
    (e.g. two gateways in one GatewaySubnet) are ordered instead of running concurrently."""
    count: Expr | None = None
    """The call's `count` (0 or 1): a call that must wait for a numbered step, switched on by a root input."""


@dataclass(frozen=True)
class Variable:
    """A root-stack input. Without a default the user must supply it (listed in the generated README)."""

    name: str
    type: str
    description: str
    default: Any = None
    required: bool = True
    sensitive: bool = False
    """A secret the user supplies (e.g. a VPN pre-shared key from a secret store): never shown in plan output."""
    handover: tuple[str, str] | None = None
    """(stack, output) when the value is another stack's output: copied by hand (the numbered steps say so), or
    read with `terraform_remote_state` when the spec asks for remote-state hand-overs (`topology/handovers.py`)."""


@dataclass(frozen=True)
class Output:
    name: str
    value: Expr
    description: str
    sensitive: bool = False


@dataclass(frozen=True)
class ProviderRequirement:
    name: str
    source: str
    version: str
    min_version_reason: str = ""
    """Set when a spec feature raised the floor above mcai's usual constraint; rendered as an `mcai:min-provider`
    marker that the terraform tests read (validation against older pinned versions is then skipped)."""

    @property
    def min_version_marker(self) -> str:
        """`mcai:min-provider <name> <floor> (<reason>)`, or "" when the usual constraint applies."""
        if not self.min_version_reason:
            return ""
        floor = self.version.split(",")[0].removeprefix(">=").strip()
        return f"mcai:min-provider {self.name} {floor} ({self.min_version_reason})"


@dataclass(frozen=True)
class Backend:
    """Remote state in the control-plane cloud; left as partial configuration (supplied at `terraform init`)."""

    type: str
    key: str
    settings: dict[str, str]
    final: bool = False
    """True when the settings name the bootstrap stack's store (nothing to fill in); else they hold <placeholders>."""


@dataclass(frozen=True)
class RemoteState:
    """A `data "terraform_remote_state"` block: another stack's outputs read from the control-plane backend."""

    stack: str
    backend: Backend
    defaults: dict[str, Any] = field(default_factory=dict)
    """Values of outputs the other stack has not written yet (e.g. tunnels before its first apply)."""


@dataclass(frozen=True)
class Moved:
    """A root `moved` block for an address mcai itself changed: one instance of a resource inside a module call, or
    (`type` empty) a whole module call, `from_name` and `to_name` then being the call labels."""

    module: str  # module call label (a whole-call move: its label after the move)
    type: str
    from_name: str
    to_name: str
    key: str
    reason: str

    def address(self, name: str) -> str:
        if not self.type:
            return f"module.{name}"
        return f'module.{self.module}.{self.type}.{name}["{self.key}"]'


@dataclass(frozen=True)
class Stack:
    """One root module: one cloud account, applied on its own with its own state."""

    name: str
    cloud: str
    account: str
    apply_order: int
    providers: tuple[ProviderRequirement, ...]
    provider_settings: dict[str, Any]
    backend: Backend
    modules: tuple[ModuleCall, ...]
    variables: tuple[Variable, ...] = ()
    outputs: tuple[Output, ...] = ()
    manual_steps: tuple[str, ...] = ()
    moved: tuple[Moved, ...] = ()
    terraform_version: str = ""
    """The stack's `required_version`: mcai's usual floor, or the highest floor a module it calls declares."""
    terraform_version_reason: str = ""
    """Why the floor was raised (rendered as a comment next to `required_version`); empty at the usual floor."""
    google_apis: tuple[str, ...] = ()
    """GCP stacks: the Google APIs enabled first (what the modules declare, plus what the uses need)."""
    replaced_on_change: dict[str, str] = field(default_factory=dict)
    """Spec path -> the rendered value of an argument that forces replacement when it changes (recorded in the
    manifest, so the next plan can warn before Terraform destroys something)."""
    remote_states: tuple[RemoteState, ...] = ()
    """Other stacks whose outputs this one reads from the backend (rendered into handovers.tf)."""
    files: tuple[tuple[str, str], ...] = ()
    """Generated data files inside the stack directory (relative path, text), e.g. search/<store>/index.json: what a
    numbered step applies because Terraform cannot."""
    landings: tuple[Landing, ...] = ()
    """The audit landings whose log store this stack holds (the control plane's): each becomes a use with a
    non-workload principal in the paths stage (`paths/landing.py`)."""

    @property
    def bootstrap(self) -> bool:
        """The control plane's bootstrap or another account's CI identities (`bootstrap-<stack>`): applied by hand
        by an administrator, never by CI, and holding none of the estate's resources."""
        return self.name == BOOTSTRAP_STACK or self.name.startswith(BOOTSTRAP_STACK + "-")

    @property
    def resources(self) -> tuple[tuple[str, Resource], ...]:
        """(module label, resource) pairs in a stable order."""
        return tuple((m.label, r) for m in self.modules for r in m.resources)

    @property
    def module_names(self) -> tuple[str, ...]:
        return tuple(sorted({m.module for m in self.modules}))

    @functools.cached_property
    def calls_by_label(self) -> dict[str, ModuleCall]:
        """Each module call by its label (the first, should one repeat): `Topology.call` is asked once per hop of
        every use, so it looks up instead of scanning (validate stays linear in the number of uses)."""
        found: dict[str, ModuleCall] = {}
        for module in self.modules:
            found.setdefault(module.label, module)
        return found


@dataclass(frozen=True)
class Landing:
    """One cloud's audit logs copied into the control plane's log store by a principal that is no workload (a
    transfer agent, a connector's app, a push service account). The code that renders the copy records it here, next
    to the module call whose inputs it states, so the path says exactly what the Terraform grants; `paths/landing.py`
    turns each into a use. Add one with `Additions.landings.append(Landing(...))` in the stack holding the store."""

    source: str
    """The stack whose audit logs are copied (`aws`, `azure`, `aws-data`, ...)."""
    source_cloud: str
    principal: str
    """Who authenticates, e.g. `Storage Transfer Service agent of project p`: the path's row in the paths view."""
    logs: str
    """What is copied, e.g. `CloudTrail log files of account 111122223333`."""
    store: str
    """Where it lands, e.g. `Cloud Storage bucket b, under aws/AWSLogs/111122223333/`."""
    identity: tuple[str, ...]
    """Hops: who authenticates as whom, the trust's exact condition (issuer, subject, audience), then each grant with
    its scope (reading the source, writing the store)."""
    network: str
    """How the bytes travel, stated (e.g. the clouds' public API endpoints over TLS; no private path exists)."""
    endpoints: str
    """The DNS names the principal calls."""
    step: str = ""
    """Text the numbered manual step after which the copy works starts with ("": it works once the stacks are
    applied)."""
    prerequisites: tuple[str, ...] = ()
    """APIs or services the copy needs beyond the two stacks' resources."""
    spec_path: Path = ("audit", "land_in")


@dataclass(frozen=True)
class TrustEdge:
    """A workload identity trusted by a cloud, with exactly what it may do there."""

    workload: str
    from_cloud: str
    to_cloud: str
    mechanism: str
    principal: str
    permissions: tuple[str, ...]
    issuer: str = ""
    """Who signs the token the target cloud trusts (empty for same-cloud edges)."""
    subject: str = ""
    """The exact subject the target cloud admits."""
    audience: str = ""
    """The audience the token must carry."""


@dataclass(frozen=True)
class Topology:
    name: str
    environment: str
    control_plane: str
    tags: dict[str, str]
    stacks: tuple[Stack, ...]
    trust_edges: tuple[TrustEdge, ...] = field(default=())
    links: tuple[Any, ...] = field(default=())
    """`topology.links.LinkFacts` per declared link: path, bandwidth, latency class, fixed monthly components."""
    spec_sha256: str = ""
    retrieval: tuple[Any, ...] = field(default=())
    """`topology.retrieval.RetrievalFact` per retrieval store: documents, embedding model, index."""
    reference_data: tuple[str, ...] = field(default=())
    """Dated tables in `mcai/data` whose facts are written into the rendered Terraform (the report states their
    source and date, so a reviewer knows how old a granted region list is)."""
    terragrunt: bool = False
    """Write a Terragrunt unit beside each stack (`render/terragrunt.py`)."""
    names: tuple[tuple[str, str, Path], ...] = field(default=())
    """(kind, name, spec path) of every name the spec's resources get, e.g. ("S3 bucket name", "x-docs-1111", ...)."""
    focus: tuple[tuple[str, str], ...] = field(default=())
    """(cloud, stack name) of the account one use or workload is read in, for a cloud with several accounts
    (`topology.accounts.focus`); `call` and `stacks_of` then look in that stack only. Empty: every stack."""

    @property
    def prefix(self) -> str:
        return f"{self.name}-{self.environment}"

    @property
    def default_tags(self) -> dict[str, str]:
        """The spec's tags plus mcai's own: every stack puts them on every resource that takes tags or labels."""
        return {**self.tags, "managed-by": "mcai", "mcai-estate": self.prefix}

    def stack(self, name: str) -> Stack:
        return next(s for s in self.stacks if s.name == name)

    @property
    def landings(self) -> tuple[Landing, ...]:
        """Every audit landing, in apply order of the stacks holding the stores."""
        return tuple(landing for s in self.stacks for landing in s.landings)

    def stacks_of(self, cloud: str) -> tuple[Stack, ...]:
        """The stacks of `cloud` (only the focused account's, when focused), in apply order."""
        focused = dict(self.focus).get(cloud)
        return tuple(s for s in self.workload_stacks if s.cloud == cloud and (focused is None or s.name == focused))

    def call(self, cloud: str, label: str) -> ModuleCall | None:
        """The module call `label` in the stack of `cloud` (of the focused account), if both exist."""
        return next((m for s in self.stacks_of(cloud) if (m := s.calls_by_label.get(label)) is not None), None)

    @property
    def workload_stacks(self) -> tuple[Stack, ...]:
        """The stacks holding the estate's resources: every stack but the bootstrap stacks (state store and CI
        identities)."""
        return tuple(s for s in self.stacks if not s.bootstrap)

    @property
    def replaced_on_change(self) -> dict[str, str]:
        """Every stack's replacement-forcing values, by spec path."""
        return {path: value for s in self.stacks for path, value in sorted(s.replaced_on_change.items())}

    @property
    def required_inputs(self) -> tuple[tuple[str, Variable], ...]:
        """(stack, variable) for every root input the user must supply, in apply order of the stacks."""
        return tuple((s.name, v) for s in self.stacks for v in s.variables if v.required)

    @property
    def stack_steps(self) -> tuple[tuple[str, str], ...]:
        """(stack, step) for the steps that belong to one stack, in apply order of the stacks."""
        return tuple((s.name, step) for s in self.stacks for step in s.manual_steps if not _LINK_STEP.match(step))

    @property
    def numbered_steps(self) -> tuple[tuple[int, str, str], ...]:
        """(n, stack, step): every manual step with the number the generated README gives it and other views refer
        to (stack steps first, then link steps)."""
        return tuple((n, stack, step) for n, (stack, step) in enumerate(self.stack_steps + self.link_steps, 1))

    @property
    def numbered_stack_steps(self) -> tuple[tuple[int, str, str], ...]:
        return self.numbered_steps[:len(self.stack_steps)]

    @property
    def numbered_link_steps(self) -> tuple[tuple[int, str, str], ...]:
        return self.numbered_steps[len(self.stack_steps):]

    @property
    def protected(self) -> tuple[tuple[str, str], ...]:
        """(stack, Terraform address) of every resource that refuses `terraform destroy`, in apply order."""
        return tuple((s.name, f"module.{m.label}.{r.type}.{r.address}") for s in self.stacks for m in s.modules
                     for r in m.resources if (m.module, r.type) in PROTECTED)

    @property
    def link_steps(self) -> tuple[tuple[str, str], ...]:
        """(stack, step) for link steps, which alternate between stacks: sorted by link, then by step number."""
        found = [(s.name, step) for s in self.stacks for step in s.manual_steps if _LINK_STEP.match(step)]
        return tuple(sorted(found, key=lambda pair: _link_step_key(pair[1])))


BOOTSTRAP_STACK = "bootstrap"

# Resource types whose module declares `lifecycle { prevent_destroy = true }`: data that Terraform cannot recreate,
# and capacity that is committed or whose loss is an outage (tests/test_lifecycle.py checks the modules agree).
PROTECTED = frozenset({
    ("aws-documents-bucket", "aws_s3_bucket"), ("aws-vector-collection", "aws_opensearchserverless_collection"),
    ("aws-bedrock", "aws_bedrock_provisioned_model_throughput"), ("gcp-bigquery-dataset", "google_bigquery_dataset"),
    ("gcp-training-bucket", "google_storage_bucket"), ("azure-openai", "azurerm_cognitive_account"),
    ("azure-documents-storage", "azurerm_storage_account"),
    ("aws-audit-trail", "aws_s3_bucket"), ("gcp-audit-landing", "google_storage_bucket"),  # audit records
    ("azure-audit-export", "azurerm_storage_account"), ("azure-audit-export", "azurerm_storage_container"),
    ("aws-audit-trail", "aws_kms_key"), ("aws-audit-receiver", "aws_kms_key"),  # keys without which logs are unreadable
    ("azure-foundation", "azurerm_log_analytics_workspace"),  # diagnostic logs, and Sentinel's landed audit copies
    # an account-wide switch: destroying it cuts off every role in the account that federates outbound
    ("aws-outbound-identity-federation", "aws_iam_outbound_web_identity_federation")})


# Link steps are written "links[<i>] <a>-<b>, step <n> of <m>: ..." (topology/links.py numbers them in order).
_LINK_STEP = re.compile(r"links\[(\d+)\] \S+, step (\d+) of \d+: ")


def _link_step_key(step: str) -> tuple[int, int]:
    match = _LINK_STEP.match(step)
    assert match is not None
    return int(match.group(1)), int(match.group(2))
