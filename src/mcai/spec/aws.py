"""Spec objects for AWS: the account, EKS workloads, Bedrock models, S3 and OpenSearch Serverless data stores (the
response cache, on any cloud, is in `spec/cache.py`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mcai.spec.base import LAX, StrictModel
from mcai.spec.types import (
    AwsAccountId,
    AwsRegion,
    BedrockModelId,
    Cidr,
    EksClusterName,
    EksOidcIssuer,
    GuardrailTopicName,
    KubernetesName,
    SecurityGroupId,
    Slug,
    SubnetId,
    VpcId,
)

# CloudWatch Logs accepts only these retention periods (days).
LOG_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
                      3288, 3653)


class AwsNetwork(StrictModel):
    """The VPC that AWS resources attach to. mcai never creates the VPC: it plugs into the platform's network."""

    cidr: Cidr | None = None
    """The VPC's IPv4 range; used to scope security groups and (with links) to check the address plan."""
    vpc_id: VpcId | None = None
    """Existing VPC id. When omitted, the stack takes it as the input variable `vpc_id`."""
    subnet_ids: Annotated[tuple[SubnetId, ...], LAX] = Field(default=(), max_length=6)
    """Private subnets (one per AZ) for endpoints and the cache. When empty, the input `private_subnet_ids`."""
    client_security_group_ids: Annotated[tuple[SecurityGroupId, ...], LAX] = Field(default=(), max_length=5)
    """Security groups of the callers (e.g. the EKS cluster security group the router's pods use): the only sources
    the cache, vector store and Bedrock endpoints admit. When empty, the input `client_security_group_ids`."""


class InvocationLogging(StrictModel):
    """Bedrock model invocation logging: one configuration per account and region, owned by this stack unless
    `owned_by` names the stack that owns it."""

    owned_by: str | None = Field(default=None, min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$")
    """Another stack already owns the account- and region-wide configuration (e.g. `security-baseline`): mcai then
    emits none (two owners would overwrite each other on every apply) and the other fields are ignored."""

    s3: bool = True
    """Deliver invocation logs to an S3 bucket that mcai creates (with the bucket policy Bedrock needs)."""
    cloudwatch: bool = True
    """Deliver invocation logs to a CloudWatch log group (with the role Bedrock assumes to write it)."""
    retention_days: int = 90
    """How long logs are kept, in both destinations (a CloudWatch retention value)."""
    customer_managed_key: bool = False
    """Encrypt both destinations with a rotated KMS key the stack creates (the logs hold prompts and completions)."""


class BedrockSettings(StrictModel):
    """Account-wide Bedrock settings."""

    private: bool = False
    """Reach `bedrock-runtime` through an interface VPC endpoint (PrivateLink) instead of the public endpoint."""
    invocation_logging: InvocationLogging | None = None
    """Turn on model invocation logging for the account and region."""


class AwsCloud(StrictModel):
    """One AWS account and region: the `aws/` stack."""

    account_id: AwsAccountId
    """The 12-digit account id, quoted (`"111122223333"`); the provider refuses any other account."""
    region: AwsRegion
    """Home region of the stack, e.g. `us-east-1`."""
    unlisted_region: bool = False
    """The region is newer than mcai's dated region catalog (`src/mcai/data/regions.yaml`): accept it unchecked (no
    "did you mean"); the plan report says it was not checked. Remove it once the catalog lists the region."""
    network: AwsNetwork = AwsNetwork()
    bedrock: BedrockSettings = BedrockSettings()


class EksRuntime(StrictModel):
    """A Kubernetes service account on EKS; its AWS identity is an IAM role bound to that service account."""

    cloud: Literal["aws"]
    kind: Literal["eks"]
    cluster: EksClusterName
    namespace: KubernetesName
    service_account: KubernetesName
    aws_identity: Literal["pod_identity", "irsa"] = "pod_identity"
    """How the pod gets its IAM role: EKS Pod Identity (default, no OIDC provider needed) or IRSA."""
    oidc_issuer: EksOidcIssuer | None = None
    """The cluster's OIDC issuer URL. Required for IRSA; other clouds trust this issuer for federation."""


class ContentFilters(StrictModel):
    """Guardrail content filter strength per category (input and output)."""

    hate: Literal["none", "low", "medium", "high"] | None = None
    insults: Literal["none", "low", "medium", "high"] | None = None
    sexual: Literal["none", "low", "medium", "high"] | None = None
    violence: Literal["none", "low", "medium", "high"] | None = None
    misconduct: Literal["none", "low", "medium", "high"] | None = None
    prompt_attack: Literal["none", "low", "medium", "high"] | None = None
    """Applies to input only (Bedrock requires the output strength of this filter to be NONE)."""


class DeniedTopic(StrictModel):
    name: GuardrailTopicName
    definition: str = Field(min_length=1, max_length=200)
    examples: Annotated[tuple[str, ...], LAX] = Field(default=(), max_length=5)


PiiEntity = Literal["ADDRESS", "AGE", "CREDIT_DEBIT_CARD_NUMBER", "EMAIL", "IP_ADDRESS", "NAME", "PASSWORD", "PHONE",
                    "US_SOCIAL_SECURITY_NUMBER", "US_BANK_ACCOUNT_NUMBER", "AWS_ACCESS_KEY", "AWS_SECRET_KEY"]


class Guardrail(StrictModel):
    """An `aws_bedrock_guardrail` applied to calls of this model."""

    blocked_message: str = Field(default="Sorry, this request is not allowed.", min_length=1, max_length=500)
    """What the caller sees when input or output is blocked."""
    content_filters: ContentFilters = ContentFilters()
    denied_topics: Annotated[tuple[DeniedTopic, ...], LAX] = Field(default=(), max_length=30)
    pii: dict[PiiEntity, Literal["block", "anonymize"]] = Field(default_factory=dict)
    """PII entity -> action. Entity names are Bedrock's (EMAIL, PHONE, ...)."""
    profanity: bool = False
    """Block the managed profanity word list."""


class ProvisionedThroughput(StrictModel):
    """Bedrock provisioned throughput (model units). Every field forces replacement; MUs need a support case."""

    model_units: int = Field(ge=1, le=1000)
    commitment: Literal["none", "one_month", "six_months"] = "none"


class BedrockModel(StrictModel):
    """A foundation model called through Amazon Bedrock."""

    provider: Literal["bedrock"]
    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    model: BedrockModelId
    """Bedrock model id, e.g. `anthropic.claude-sonnet-4-5-20250929-v1:0`."""
    inference_profile: Literal["us", "eu", "apac", "global"] | None = None
    """Call through a cross-region inference profile (`us.<model>` etc.); IAM then covers every destination region."""
    guardrail: Guardrail | None = None
    unguarded: str | None = Field(default=None, min_length=10, max_length=300)
    """Why this model may be called without a guardrail although another Bedrock model in the routing chain has one.
    Without it, such a model is called under the chain's guardrail (IAM refuses calls without it)."""
    provisioned: ProvisionedThroughput | None = None
    unlisted: bool = False
    """The model is newer than mcai's dated model catalog: accept its id unchecked (no "did you mean", no lifecycle
    check); the plan report says its lifecycle is unchecked. Remove it once the catalog lists the model."""


class S3Store(StrictModel):
    """An S3 bucket for documents: encrypted, versioned, public access blocked."""

    cloud: Literal["aws"]
    kind: Literal["s3"]
    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    size_gb: float | None = Field(default=None, ge=0, le=1e9, allow_inf_nan=False)
    """Approximate size, for cost and data-gravity findings."""
    used_by: Annotated[tuple[str, ...], LAX] | None = None
    """Workloads that read it; defaults to the routing router."""


class OpenSearchServerless(StrictModel):
    """An OpenSearch Serverless VECTORSEARCH collection, with its encryption, network and access policies."""

    cloud: Literal["aws"]
    kind: Literal["opensearch_serverless"]
    account: Slug | None = None
    """The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when that cloud
    declares several accounts."""
    standby_replicas: bool = True
    """Disable only for development: without standby replicas the collection is not highly available."""
    used_by: Annotated[tuple[str, ...], LAX] | None = None
    """Workloads granted data access; defaults to the routing router."""
