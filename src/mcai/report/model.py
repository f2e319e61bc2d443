"""The plan report: one versioned JSON document. Table, Markdown (and later diagrams) are views of it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mcai.report.cost import CostSection

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
    status: Literal["added", "changed", "unchanged", "removed"]
    sha256: str | None


class Finding(_Model):
    id: str
    severity: Literal["info", "warning", "error"]
    message: str
    spec_path: str = ""
    location: str | None = Field(default=None, description="file:line:col in the spec, when known.")
    monthly_cost_impact_usd: str | None = Field(default=None, description="Decimal string, when computable.")


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


class Summary(_Model):
    stacks: int
    modules: int
    resources: int
    files: dict[str, int] = Field(description="Count of files per status.")
    findings: dict[str, int] = Field(description="Count of findings per severity.")


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
    cost: CostSection | None = Field(
        default=None, description="Cost estimate (versioned by its own 'schema'); null when not estimated.")

    def to_json(self) -> str:
        import json

        return json.dumps(self.model_dump(mode="json", by_alias=True), indent=2, sort_keys=False) + "\n"


def report_json_schema() -> dict[str, Any]:
    schema = Report.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://mcai.dev/schema/report-v1.json"
    return schema
