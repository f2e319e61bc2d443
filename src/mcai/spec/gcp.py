"""Spec objects for Google Cloud: the project, Vertex AI models (publisher models such as Gemini, and self-deployed or
tuned models behind an endpoint), BigQuery datasets, GCS training-data buckets and Private Service Connect for APIs.

Format checks here mirror what Google enforces only at apply time (project ids, endpoint ids, model ids), so that a
typo fails `mcai validate` instead of `terraform apply`. Checks that need the whole spec live in `gcp_rules.py`.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from mcai.spec.base import LAX, StrictModel
from mcai.spec.types import Cidr, Slug, pattern

GcpProjectId = Annotated[str, pattern(r"[a-z][a-z0-9-]{4,28}[a-z0-9]", "gcp_project_id",
                                       "must be a GCP project id: 6-30 lowercase letters, digits and hyphens, "
                                       "starting with a letter and not ending with a hyphen", max_len=30)]
GcpProjectNumber = Annotated[str, pattern(r"[1-9][0-9]{5,18}", "gcp_project_number",
                                           "must be a GCP project number: digits without a leading zero, quoted "
                                           "(\"123456789012\")")]
GcpRegion = Annotated[str, pattern(r"[a-z]+-[a-z]+[0-9]{1,2}", "gcp_region",
                                    "must be a Google Cloud region like us-east4 or europe-west1")]
# Publisher models may also be called through the `global` endpoint; self-deployed endpoints are always regional.
VertexLocation = Annotated[str, pattern(r"global|[a-z]+-[a-z]+[0-9]{1,2}", "vertex_location",
                                         "must be a Vertex AI location: 'global' or a region like us-east4")]
# BigQuery and GCS take a region or a multi-region (US, EU; ASIA for GCS only).
BigQueryLocation = Annotated[str, pattern(r"US|EU|[a-z]+-[a-z]+[0-9]{1,2}", "bigquery_location",
                                           "must be a BigQuery location: US, EU or a region like us-east4")]
GcsLocation = Annotated[str, pattern(r"US|EU|ASIA|[a-z]+-[a-z]+[0-9]{1,2}", "gcs_location",
                                      "must be a Cloud Storage location: US, EU, ASIA or a region like us-east4")]
VertexModelId = Annotated[str, pattern(r"[a-z0-9][a-z0-9._-]*(@[a-z0-9._-]+)?", "vertex_model_id",
                                        "must be a Vertex AI model id like gemini-2.5-pro or "
                                        "claude-sonnet-4-5@20250929 (lowercase letters, digits, '.', '_', '-', "
                                        "optional @version)",
                                        max_len=128)]
VertexPublisher = Annotated[str, pattern(r"[a-z][a-z0-9-]*", "vertex_publisher",
                                          "must be a Vertex AI publisher like google, anthropic or meta", max_len=63)]
# `google_vertex_ai_endpoint.name` is the endpoint id: numeric, at most 10 digits, no leading zero.
VertexEndpointId = Annotated[str, pattern(r"[1-9][0-9]{0,9}", "vertex_endpoint_id",
                                           "must be a Vertex AI endpoint id: 1-10 digits without a leading zero, "
                                           "quoted (\"1234567890\")")]
GcpNetworkName = Annotated[str, pattern(r"[a-z]([-a-z0-9]*[a-z0-9])?", "gcp_network_name",
                                         "must be a VPC network name (RFC 1035: lowercase letters, digits and "
                                         "hyphens, starting with a letter)", max_len=63)]
# Private Service Connect endpoints for Google APIs: 1-20 lowercase letters and digits, starting with a letter.
PscEndpointName = Annotated[str, pattern(r"[a-z][a-z0-9]{0,19}", "psc_endpoint_name",
                                          "must be 1-20 lowercase letters and digits, starting with a letter "
                                          "(the rule for Private Service Connect endpoints to Google APIs)",
                                          max_len=20)]
KmsKeyName = Annotated[str, pattern(r"projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/locations/[a-z0-9-]+/keyRings/"
                                     r"[A-Za-z0-9_-]{1,63}/cryptoKeys/[A-Za-z0-9_-]{1,63}", "kms_key_name",
                                     "must be a Cloud KMS key like projects/<project>/locations/<location>/keyRings/"
                                     "<ring>/cryptoKeys/<key>")]


def _private_ip(value: str) -> str:
    try:
        ip = ipaddress.IPv4Address(value)
    except ValueError:
        raise PydanticCustomError("ipv4", "must be an IPv4 address like 10.31.255.254 (got {value})",
                                  {"value": repr(value)}) from None
    if not ip.is_private or ip.is_loopback or ip.is_link_local:
        raise PydanticCustomError("ipv4", "must be a private (RFC 1918) address, got {value}", {"value": value})
    return value


PrivateIPv4 = Annotated[str, AfterValidator(_private_ip)]


class GcpNetwork(StrictModel):
    """The VPC network GCP resources attach to. mcai never creates it: it plugs into the platform's network."""

    cidr: Cidr | None = None
    """The range the network's subnets use; the Private Service Connect address must lie outside it."""
    name: GcpNetworkName | None = None
    """Existing VPC network name in the project. When omitted, the stack takes the input variable `network_id`."""


class PrivateGoogleApis(StrictModel):
    """A Private Service Connect endpoint for Google APIs (`all-apis` bundle) with the private DNS zones
    `googleapis.com` and `p.googleapis.com`, so Vertex AI, BigQuery and Storage are reached on a private address from
    the VPC and from networks linked to it."""

    address: PrivateIPv4
    """The endpoint's internal address; it must not fall in any subnet of the network or of a linked cloud."""
    endpoint_name: PscEndpointName | None = None
    """Defaults to the estate name and environment without hyphens (e.g. `supportassistantprod`)."""


class GcpCloud(StrictModel):
    """One Google Cloud project and region: the `gcp/` stack."""

    project_id: GcpProjectId
    """The project id (6-30 lowercase letters, digits, hyphens), e.g. `acme-ai-prod`."""
    project_number: GcpProjectNumber
    """The numeric project number, quoted (`"123456789012"`); workload identity principals are built from it."""
    region: GcpRegion
    """Home region of the stack, e.g. `us-east4`; the default location for models, endpoints and data."""
    unlisted_region: bool = False
    """The region (and the Vertex AI location of models that inherit it) is newer than mcai's dated region catalog (`src/mcai/data/regions.yaml`): accept it unchecked (no
    "did you mean"); the plan report says it was not checked. Remove it once the catalog lists the region."""
    network: GcpNetwork = GcpNetwork()
    private_google_apis: PrivateGoogleApis | None = None


class EndpointLogging(StrictModel):
    """Request/response logging of a Vertex endpoint into a BigQuery table that Vertex creates."""

    dataset: str
    """A `kind: bigquery` data store on gcp (its key under `data`)."""
    sampling_rate: float = Field(default=1.0, gt=0.0, le=1.0)
    """Share of requests logged (0 < rate <= 1)."""


class VertexEndpoint(StrictModel):
    """A Vertex AI endpoint for a self-deployed or tuned model (publisher models such as Gemini need none)."""

    name: VertexEndpointId
    """The endpoint id: 1-10 digits without a leading zero, quoted."""
    private_service_connect: bool = False
    """Serve the endpoint through Private Service Connect (reachable only from allow-listed projects)."""
    logging: EndpointLogging | None = None
    cmek_key: KmsKeyName | None = None
    """Encrypt the endpoint with this Cloud KMS key."""


class Training(StrictModel):
    """Where a tuned or self-deployed model is trained, and on which data (facts for the data-gravity findings)."""

    data: Annotated[tuple[str, ...], LAX] = Field(min_length=1, max_length=10)
    """Data stores (keys under `data`, any cloud) the training reads."""
    runs_in: Literal["aws", "azure", "gcp"] = "gcp"
    """The cloud the training job runs in: gcp for Vertex AI tuning or training, aws for SageMaker, azure for
    Azure ML."""


class VertexModel(StrictModel):
    """A model called through Vertex AI: a publisher model by id (API and IAM only), or a self-deployed or tuned
    model when `endpoint` is set."""

    provider: Literal["vertex"]
    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    model: VertexModelId
    """Model id, e.g. `gemini-2.5-pro`; for a tuned model, its base model."""
    publisher: VertexPublisher = "google"
    """Who publishes the model in Model Garden (google for Gemini; anthropic, meta, mistralai...)."""
    region: VertexLocation | None = None
    """Where the model is called; defaults to the gcp region. `global` is for publisher models only."""
    endpoint: VertexEndpoint | None = None
    training: Training | None = None
    unlisted: bool = False
    """The model is newer than mcai's dated model catalog: accept its id unchecked (no "did you mean", no lifecycle
    check); the plan report says its lifecycle is unchecked. Remove it once the catalog lists the model."""


class BigQueryDataset(StrictModel):
    """A BigQuery dataset for analytics and inference logs; labelled from `tags`, CMEK optional."""

    cloud: Literal["gcp"]
    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    kind: Literal["bigquery"]
    location: BigQueryLocation | None = None
    """Defaults to the gcp region (keep it there: BigQuery and Vertex in one region move no data)."""
    default_table_expiration_days: int | None = Field(default=None, ge=1, le=36500)
    """Tables expire this many days after creation. Unset keeps tables until deleted, which suits analytics; set it
    (e.g. 90) for a dataset that only holds logs."""
    cmek_key: KmsKeyName | None = None
    """Encrypt new tables with this Cloud KMS key (the BigQuery service agent is granted use of it)."""
    size_gb: float | None = Field(default=None, ge=0, le=1e9, allow_inf_nan=False)
    """Approximate size, for cost and data-gravity findings."""
    used_by: Annotated[tuple[str, ...], LAX] | None = None
    """Workloads that write to it (BigQuery Data Editor on this dataset only); defaults to the routing router."""


class GcsBucket(StrictModel):
    """A Cloud Storage bucket for training data or documents: uniform access, public access prevented, versioned."""

    cloud: Literal["gcp"]
    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    kind: Literal["gcs"]
    purpose: Literal["training", "documents"] = "training"
    """What it holds: training data, or documents a retrieval store embeds."""
    location: GcsLocation | None = None
    """Defaults to the gcp region."""
    cmek_key: KmsKeyName | None = None
    """Encrypt objects with this Cloud KMS key (the Storage service agent is granted use of it)."""
    size_gb: float | None = Field(default=None, ge=0, le=1e9, allow_inf_nan=False)
    """Approximate size, for cost and data-gravity findings."""
    used_by: Annotated[tuple[str, ...], LAX] = ()
    """Workloads that read it (Storage Object Viewer on this bucket only)."""
