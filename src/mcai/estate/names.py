"""Resource names two specs of one estate must not share: each name the topology issued, compared within the scope
where its cloud requires it to be unique."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from mcai.diagnostics import Diagnostic, Path
from mcai.estate.rules import Claim, Member, _clash, _where, rule
from mcai.topology.accounts import narrow_to

GLOBAL = {"S3 bucket name", "storage account name", "Azure OpenAI account name (custom subdomain)", "Cloud Storage bucket name",
          "Azure Managed Redis name",  # <name>.<region>.redis.azure.net
          "Azure AI Search service name"}  # <name>.search.windows.net
AWS_ACCOUNT = {"IAM role name", "AWS budget name",
               "audit receiver name (API, function, stream, roles)"}  # its roles are account-wide: stricter
AWS_REGION = {"Bedrock guardrail name", "Bedrock provisioned model name", "ElastiCache replication group id",
              "ElastiCache user id", "OpenSearch Serverless collection name", "security group name",
              "Bedrock knowledge base and S3 vector index name", "S3 vector bucket name",
              "CloudTrail trail name", "SQS queue name"}  # unique per account and region
AZURE_SUBSCRIPTION = {"resource group name", "Azure consumption budget name"}
AZURE_RESOURCE_GROUP = {"Azure network resource name", "Log Analytics workspace name",
                        "user-assigned managed identity name", "federated credential name",
                        "Logic App workflow name"}
AZURE_OPENAI_ACCOUNT = {"Azure OpenAI deployment name"}
GCP_PROJECT = {"service account id", "BigQuery dataset id", "Cloud DNS zone name",
               "Private Service Connect endpoint name", "Private Service Connect forwarding rule name",
               "workload identity pool or provider id", "GCP network resource name prefix",
               "Memorystore instance id", "service connection policy name",
               "custom role id prefix",  # per project and region: stricter
               "Pub/Sub topic, subscription and log sink name"}
# labels, not identifiers; a deployed index id is unique per index endpoint, and each store has its own endpoint
NOT_UNIQUE = {"Vertex AI endpoint display name", "Cloud Billing budget display name",
              "Vector Search deployed index id"}
CLASSIFIED = (GLOBAL | AWS_ACCOUNT | AWS_REGION | AZURE_SUBSCRIPTION | AZURE_RESOURCE_GROUP | AZURE_OPENAI_ACCOUNT
              | GCP_PROJECT | NOT_UNIQUE)


def _account_settings(m: Member, path: Path) -> Any:
    """The clouds of a member as seen from the element at `path` (a workload, model or store, or a workload's
    identity): its own cloud's entry is the settings of the named account it is placed in, and each other cloud's
    the account its identity there is built in (topology/accounts.py): names are unique per account, not per cloud."""
    spec = m.vspec.spec
    if len(path) < 2 or path[0] not in ("workloads", "models", "data", "identity"):
        return spec.clouds
    return narrow_to(spec, str(path[1]))[0].clouds


def scope(what: str, m: Member, path: Path = ()) -> tuple[str, ...] | None:
    """Where a name of this kind must be unique, for this member; None when it need not be."""
    clouds = _account_settings(m, path)
    issued = {w: v for w, v, _ in m.topology.names}
    if what in GLOBAL:
        return ("everywhere",)
    if what in AWS_ACCOUNT and clouds.aws:
        return ("AWS account", clouds.aws.account_id)
    if what in AWS_REGION and clouds.aws:
        return ("AWS account and region", clouds.aws.account_id, clouds.aws.region)
    if what in AZURE_SUBSCRIPTION and clouds.azure:
        return ("subscription", clouds.azure.subscription_id)
    if what in AZURE_RESOURCE_GROUP and clouds.azure:
        return ("resource group", clouds.azure.subscription_id, issued.get("resource group name", ""))
    if what in AZURE_OPENAI_ACCOUNT and clouds.azure:
        return ("Azure OpenAI account", issued.get("Azure OpenAI account name (custom subdomain)", ""))
    if what in GCP_PROJECT and clouds.gcp:
        return ("project", clouds.gcp.project_id)
    return None


@rule
def duplicate_names(members: list[Member]) -> list[Diagnostic]:
    claims: dict[tuple[str, str, tuple[str, ...]], list[Claim]] = defaultdict(list)
    for m in members:
        for what, value, path in m.topology.names:
            where = scope(what, m, path)
            if where is not None and (m, path) not in claims[what, value, where]:
                claims[what, value, where].append((m, path))
    out: list[Diagnostic] = []
    for (what, value, where), found in sorted(claims.items(), key=lambda item: item[0]):
        unique = "globally unique" if where == ("everywhere",) else f"unique per {where[0]} ({' '.join(where[1:])})"
        fix = ("rename the model key in one of them" if what in AZURE_OPENAI_ACCOUNT else
               "change 'name', 'environment' or the explicit name in one of them")
        out += _clash(found, lambda c, others, what=what, value=value, unique=unique, fix=fix: (
            f"{what} '{value}' is also used by {_where(others)}; it must be {unique}: {fix}"))
    return out
