"""Spec objects for Azure: the subscription and its network, and Azure OpenAI model deployments.

Formats Azure only checks at apply time (ids, names, model versions) are checked here, at validate time. Rules that
need the PTU table or other models (minimums, spillover pairing) live in `spec/azure_rules.py`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from mcai.spec.base import LAX, StrictModel
from mcai.spec.types import Cidr, Slug, pattern

AzureUuid = Annotated[str, pattern(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "azure_uuid",
                                    "must be a lowercase GUID like 00000000-0000-0000-0000-000000000000")]
AzureLocation = Annotated[str, pattern(r"[a-z][a-z0-9]+", "azure_location",
                                        "must be an Azure location name like eastus2 or swedencentral "
                                        "(lowercase, no spaces)", max_len=40)]
ResourceGroupName = Annotated[str, pattern(r"[\w().-]*[\w()-]", "resource_group",
                                            "must be 1-90 letters, digits and _ ( ) . -, not ending with '.'",
                                            max_len=90)]
# The account name doubles as its custom subdomain (<name>.openai.azure.com): a DNS label, so the stricter rule wins.
OpenAISubdomain = Annotated[str, pattern(r"[a-z0-9][a-z0-9-]*[a-z0-9]", "azure_subdomain",
                                          "must be 2-64 lowercase letters, digits and hyphens, starting and ending "
                                          "with a letter or digit", max_len=64)]
OpenAIModelName = Annotated[str, pattern(r"[A-Za-z0-9][A-Za-z0-9._-]*", "azure_model",
                                          "must be an Azure OpenAI model name like gpt-4o or text-embedding-3-large",
                                          max_len=64)]
# Dated versions (2024-11-20) or short numbered ones (0613, 1, 0125-Preview). Quote dates: YAML reads a bare
# 2024-11-20 as a date, not text.


def _quoted_version(value: object) -> object:
    if isinstance(value, date):
        raise PydanticCustomError("azure_model_version",
                                  "quote the version (\"{value}\"): YAML reads an unquoted date as a date, not text",
                                  {"value": value.isoformat()})
    return value


OpenAIModelVersion = Annotated[str, BeforeValidator(_quoted_version),
                               pattern(r"\d{4}-\d{2}-\d{2}|\d{1,4}(-[A-Za-z]+)?", "azure_model_version",
                                        "must be a model version like \"2024-11-20\" (a date, quoted), "
                                        "\"0613\" or \"1\"")]

IpRange = Annotated[str, pattern(r"(\d{1,3}\.){3}\d{1,3}(/\d{1,2})?", "ip_range",
                                  "must be a public IPv4 address or CIDR range like 203.0.113.0/24")]

DeploymentType = Literal["standard", "global_standard", "data_zone_standard", "regional_provisioned",
                         "global_provisioned", "data_zone_provisioned"]
PROVISIONED_TYPES = ("regional_provisioned", "global_provisioned", "data_zone_provisioned")
PAY_AS_YOU_GO_TYPES = ("standard", "global_standard", "data_zone_standard")
# Spillover stays at one data-processing level: a provisioned type overflows only into its pay-as-you-go twin.
SPILLOVER_TARGET = {"global_provisioned": "global_standard", "data_zone_provisioned": "data_zone_standard",
                    "regional_provisioned": "standard"}


class AzureNetwork(StrictModel):
    """The VNet mcai creates for the stack: private endpoints live in it and the private DNS zones are linked to it."""

    cidr: Cidr
    """The VNet's IPv4 range (/16 to /24); its first /26 is the private-endpoint subnet."""


class OpenAISettings(StrictModel):
    """Settings of the one Azure OpenAI account per stack (every azure_openai model is a deployment on it)."""

    subdomain: OpenAISubdomain | None = None
    """Account name and custom subdomain (`<subdomain>.openai.azure.com`); globally unique. Default
    `<name>-<environment>-openai`."""
    public_network_access: bool = False
    """Open the account's public endpoint (Entra ID auth still required). Off: reachable only through the private
    endpoint in the VNet."""
    allowed_ip_ranges: Annotated[tuple[IpRange, ...], LAX] = Field(default=(), max_length=100)
    """With public access on: the only public IPv4 addresses or CIDR ranges allowed (empty: any address)."""
    log_retention_days: int = Field(default=30, ge=30, le=730)
    """Retention of the Log Analytics workspace that receives the account's diagnostic logs and metrics."""


class AzureCloud(StrictModel):
    """One Azure subscription and location: the `azure/` stack."""

    subscription_id: AzureUuid
    tenant_id: AzureUuid
    """The Entra ID tenant of the subscription; the provider refuses tokens from any other."""
    location: AzureLocation
    """Azure location of every resource in the stack, e.g. `eastus2`."""
    unlisted_region: bool = False
    """The location is newer than mcai's dated region catalog (`src/mcai/data/regions.yaml`): accept it unchecked (no
    "did you mean"); the plan report says it was not checked. Remove it once the catalog lists the region."""
    network: AzureNetwork
    resource_group: ResourceGroupName | None = None
    """Name of the resource group mcai creates for the stack. Default `rg-<name>-<environment>`."""
    openai: OpenAISettings = OpenAISettings()


class Deployment(StrictModel):
    """How a model is deployed: the deployment type (Azure SKU) and its capacity."""

    type: DeploymentType
    """Pay-as-you-go: standard (regional), global_standard, data_zone_standard. Provisioned (PTUs):
    regional_provisioned, global_provisioned, data_zone_provisioned. Changing it replaces the deployment."""
    ptu: int | None = Field(default=None, ge=1, le=100_000)
    """Provisioned throughput units; provisioned types only (minimum and step per model: see the PTU table)."""
    tpm_thousands: int | None = Field(default=None, ge=1, le=100_000)
    """Rate limit in thousands of tokens per minute; pay-as-you-go types only (bounded by the subscription quota)."""


Severity = Literal["low", "medium", "high"]


class ContentFilter(StrictModel):
    """A content filter (RAI policy) for this deployment, on prompts and completions. Each category blocks content
    at the given severity and above: `low` is the strictest, `high` the most permissive."""

    hate: Severity = "medium"
    sexual: Severity = "medium"
    violence: Severity = "medium"
    self_harm: Severity = "medium"
    prompt_shield: bool = True
    """Block jailbreak attempts in prompts (Prompt Shields)."""
    protected_material: bool = True
    """Block completions that reproduce known protected text or code."""
    asynchronous: bool = False
    """Filter completions asynchronously (lower latency, harmful content may be streamed before it is flagged)."""


class AzureOpenAIModel(StrictModel):
    """A model deployment on the stack's Azure OpenAI account; the map key is the deployment name callers use."""

    provider: Literal["azure_openai"]
    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    model: OpenAIModelName
    """Model name, e.g. `gpt-4o`."""
    version: OpenAIModelVersion
    """Model version, e.g. `"2024-11-20"` (quote it)."""
    deployment: Deployment
    spillover: str | None = None
    """Provisioned deployments only: the pay-as-you-go deployment (model key) that takes traffic above the PTUs.
    Same model and version, same data-processing level (global -> global_standard, data zone ->
    data_zone_standard, regional -> standard)."""
    content_filter: ContentFilter | None = None
    """A custom content filter; without it Azure applies its default policy."""
    version_upgrade: Literal["on_new_default", "on_expiry", "never"] = "on_expiry"
    """When Azure may move the deployment to a newer model version. Default `on_expiry`: the pinned version stays
    until it is retired (upgrading on every new default would drift from the spec's version)."""
    unlisted: bool = False
    """The model is newer than mcai's dated model catalog: accept its id unchecked (no "did you mean", no lifecycle
    check); the plan report says its lifecycle is unchecked. Remove it once the catalog lists the model."""


class BlobDocuments(StrictModel):
    """Documents in Azure: a blob container in a storage account of its own that only Microsoft Entra ID opens
    (shared keys off), with public network access off and a private endpoint for blob in the stack's VNet; soft delete
    for blobs and containers, no versioning (the search indexer's deletion detection refuses versioned accounts). An
    `azure_ai_search` store embeds it."""

    cloud: Literal["azure"]
    kind: Literal["azure_blob"]
    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    container: Annotated[str, pattern(r"[a-z0-9](?:[a-z0-9]|-[a-z0-9]){2,62}", "azure_container",
                                      "must be 3-63 lowercase letters, digits and single hyphens")] = "documents"
    """The blob container holding the documents."""
    size_gb: float | None = Field(default=None, ge=0, le=1e9, allow_inf_nan=False)
    """Approximate size, for cost and data-gravity findings."""
    soft_delete_days: int = Field(default=14, ge=1, le=365)
    """Days deleted blobs, versions and containers are kept."""
    used_by: Annotated[tuple[Slug, ...], LAX] = Field(default=(), max_length=0)
    """Workloads do not read the container directly (the search service's indexer does, with its own identity)."""
