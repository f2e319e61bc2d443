"""The plan report: one versioned JSON document. Table, Markdown (and later diagrams) are views of it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mcai.report.cost import Amount, CostSection

REPORT_SCHEMA = "mcai.report/v1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use, not at import


class SpecInfo(_Model):
    file: str
    name: str
    environment: str
    control_plane: str
    sha256: str


class ProviderInfo(_Model):
    name: str
    source: str
    version: str


class ResourceInfo(_Model):
    module: str = Field(description="Module call label in the root stack.")
    type: str
    address: str = Field(description="Address inside the module call, e.g. this[\"claude\"].")


class ModuleInfo(_Model):
    label: str
    module: str
    purpose: str
    resource_count: int


class StackInfo(_Model):
    name: str
    cloud: str
    account: str
    apply_order: int
    directory: str
    providers: list[ProviderInfo]
    modules: list[ModuleInfo]
    resources: list[ResourceInfo]
    resource_count: int
    resources_by_type: dict[str, int]
    required_inputs: list[str]
    manual_steps: list[str]


class FileInfo(_Model):
    path: str
    status: Literal["added", "changed", "unchanged", "removed", "foreign"] = Field(
        description="'foreign': a file inside a generated stack directory that mcai did not generate (never touched; "
                    "Terraform would apply it unreviewed, so --check fails on it).")
    sha256: str | None


class AcknowledgementInfo(_Model):
    reason: str
    expires: str | None = Field(description="Last day it applies (YYYY-MM-DD), or null for no expiry.")
    location: str | None = Field(description="file:line:col of the acknowledgement in the spec.")
    status: Literal["active", "expired"] = Field(description="An expired acknowledgement no longer applies.")


class Finding(_Model):
    id: str = Field(description="Stable finding id; `mcai explain ID` says what it means and how to fix it.")
    severity: Literal["info", "warning", "error"] = Field(
        description="error: will break or destroy; warning: costs or risks; info: never gates.")
    message: str
    spec_path: str = ""
    location: str | None = Field(default=None, description="file:line:col in the spec, when known.")
    monthly_cost_impact_usd: str | None = Field(default=None, description="Decimal string, when computable.")
    acknowledgement: AcknowledgementInfo | None = Field(
        default=None, description="The spec's acknowledgement of this finding, if any.")

    @property
    def gates(self) -> bool:
        """Counts for `--fail-on`: not acknowledged, or acknowledged but expired."""
        return self.acknowledgement is None or self.acknowledgement.status == "expired"


class GateCondition(_Model):
    condition: Literal["stale", "findings"]
    exit_code: int
    message: str
    items: list[str] = Field(description="What triggered it: file paths (stale) or finding ids at spec paths.")


class Gate(_Model):
    """Every CI condition that holds, and the one exit code they give (documented precedence: the highest)."""

    exit_code: int = Field(description="0 when no condition holds, else the highest condition's code (4 > 3).")
    fail_on: Literal["warning", "error"] | None
    conditions: list[GateCondition]


class TrustEdgeInfo(_Model):
    workload: str
    from_cloud: str
    to_cloud: str
    mechanism: str
    principal: str
    permissions: list[str]
    issuer: str = Field(default="", description="Who signs the token the target cloud trusts (federated edges).")
    subject: str = Field(default="", description="The exact token subject the target cloud admits.")
    audience: str = Field(default="", description="The audience the token must carry.")


class LinkInfo(_Model):
    """A private link between two clouds: the path it takes and the facts the cost estimate prices."""

    between: list[str]
    via: str
    path: str
    bandwidth_mbps: int | None
    latency_class: str = Field(description="Expected latency between the clouds (the article's figures).")
    fallback: str
    fixed_monthly_components: list[str] = Field(description="Fixed monthly fees of the link (cost inputs).")
    peering_ranges: dict[str, str] = Field(description="BGP peering ranges from the address plan.")
    spec_path: str


class ResourceChangeInfo(_Model):
    stack: str
    address: str = Field(description="Rendered address in the root stack: module.<call>.<type>.<name>.")
    action: Literal["create", "change", "replace", "destroy"]
    resource_class: str = Field(description="'stateful' (holds data), 'committed' (capacity, circuits, serving "
                                            "deployments) or '' (neither).")
    spec_path: str


class BaselineSection(_Model):
    """What applying this plan would do compared with a previous generated tree (from manifests, not terraform)."""

    directory: str
    generator: str | None = Field(description="The mcai that generated the baseline.")
    comparable: bool = Field(description="False when the baseline's manifest has no resource records.")
    note: str | None
    counts: dict[str, dict[str, int]] = Field(description="Per stack: action -> number of resources.")
    changes: list[ResourceChangeInfo]


class PathInfo(_Model):
    """One use (a workload calling a model, using a data store or the cache; a service's own principal ingesting
    documents or landing audit logs) with its proven path."""

    workload: str = Field(description="Who uses it: a workload, or a service's principal (`<store> (ingestion)`, a "
                          "transfer agent landing audit logs).")
    uses: str = Field(description="What is used: 'model <key>', 'data <key>', 'cache', 'ingestion <store>' or "
                      "'landing <stack>' (that stack's audit logs copied into the control plane's log store).")
    service: str
    cloud: str = Field(description="The cloud the used thing lives in.")
    declared_at: str = Field(description="Spec path that makes it a use (where a broken path is reported).")
    identity: list[str] = Field(description="Identity hops: home identity, token exchange, grant on the target.")
    network: str = Field(description="'same-cloud', 'private-link' or 'public'.")
    network_path: str
    dns_name: str = Field(description="The name the caller resolves, and what it resolves to.")
    prerequisites: list[str] = Field(description="APIs, model access, partner values the path needs.")
    works_after: str = Field(description="The apply or numbered manual step from which the path works.")
    egress: list[str] = Field(default_factory=list, description="Ids of the cost lines pricing the data this use "
                              "moves across clouds (requests and responses of the primary model, a flow's volume).")
    egress_monthly_usd: Amount | None = Field(default=None, description="Their priced monthly sum (null: none "
                                              "priced).")
    egress_one_time_usd: Amount | None = Field(default=None, description="Their priced one-time sum (null: none).")


class RetrievalInfo(_Model):
    """A retrieval store: what it embeds, with which model, into which index, who queries it, what it costs."""

    key: str
    cloud: str
    service: str
    documents: str = Field(description="The documents store (and where they are copied, when in another cloud).")
    embedding_model: str
    dimensions: int = Field(description="Vector size of the embeddings and of the index (one value).")
    index: str
    readers: list[str] = Field(description="Workloads that query it (each with a proven path).")
    monthly_cost_usd: Amount | None = Field(description="Sum of its estimated monthly cost lines; null when none.")
    one_time_cost_usd: Amount | None = Field(description="First ingestion (embedding, writes, documents moved).")
    unpriced: int = Field(description="Its cost lines that are not estimated (price not found, depends on usage).")


class ReferenceDataInfo(_Model):
    """A dated table shipped with mcai whose facts are written into the rendered Terraform."""

    name: str = Field(description="Table name (src/mcai/data/<name>.yaml).")
    source: str
    as_of: str = Field(description="The date the table was last checked against its source (YYYY-MM-DD).")
    used_for: str


class Summary(_Model):
    stacks: int
    modules: int
    resources: int
    files: dict[str, int] = Field(description="Count of files per status.")
    findings: dict[str, int] = Field(description="Count of findings per severity.")
    acknowledged: int = Field(0, description="Findings acknowledged in the spec (and not expired).")


class Report(_Model):
    schema_: Literal["mcai.report/v1"] = Field(REPORT_SCHEMA, alias="schema")
    generator: str
    mode: Literal["write", "dry-run", "check"]
    output_directory: str
    spec: SpecInfo
    summary: Summary
    stacks: list[StackInfo]
    files: list[FileInfo]
    findings: list[Finding]
    trust_edges: list[TrustEdgeInfo]
    links: list[LinkInfo] = Field(default_factory=list)
    paths: list[PathInfo] = Field(
        default_factory=list, description="Every use with its identity path, network path, DNS name and the step "
                                          "from which it works (a use without a complete path is a spec error).")
    retrieval: list[RetrievalInfo] = Field(
        default_factory=list, description="Retrieval stores with their documents, embedding model, index, readers "
                                          "and cost.")
    reference_data: list[ReferenceDataInfo] = Field(
        default_factory=list, description="Dated tables whose facts the rendered Terraform relies on, with their "
                                          "source and date.")
    cost: CostSection | None = Field(
        default=None, description="Cost estimate (versioned by its own 'schema'); null when not estimated.")
    gate: Gate | None = Field(default=None, description="CI gate conditions and the exit code they give.")
    baseline: BaselineSection | None = Field(default=None, description="Comparison with --baseline DIR, if given.")

    def to_json(self) -> str:
        import json

        return json.dumps(self.model_dump(mode="json", by_alias=True), indent=2, sort_keys=False) + "\n"


def report_json_schema() -> dict[str, Any]:
    schema = Report.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://mcai.dev/schema/report-v1.json"
    return schema
