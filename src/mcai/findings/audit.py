"""Audit landing findings: with `audit.land_in: control_plane`, every other cloud whose audit logs stay where they
were written, and why: the keyless path that would land them, which mcai does not build yet, or the reason none
exists. Nothing is ever copied with a long-lived key (access key, HMAC key, SAS token, connection string)."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.findings import finding, finding_rule
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.topology.model import Topology

# (source cloud, control plane) -> where the source's logs stay, and why they are not copied.
NOT_LANDED = {
    ("gcp", "aws"): (
        "GCP's audit logs (Admin Activity and the Data Access logs of module audit_logs) stay in Cloud Logging: the "
        "keyless managed path into the AWS log store (a log sink to Pub/Sub, a push subscription signing an OIDC "
        "token as a Google service account, an API Gateway HTTP API with a JWT authorizer, Kinesis and Firehose into "
        "the trail bucket) cannot admit that one service account only: a JWT authorizer checks the issuer and the "
        "audience, never the subject, and any Google account can mint a token for any audience. Pinning the subject "
        "needs a Lambda authorizer, code mcai does not ship, so mcai builds none of it"),
    ("azure", "aws"): (
        "Azure's diagnostic logs stay in the stack's Log Analytics workspace: no keyless managed path pushes them "
        "into AWS (Azure Monitor exports only to Azure destinations, and reading Event Hubs or Storage from AWS takes "
        "a connection string, a SAS token or a function federating into Entra ID that mcai does not ship)"),
    # ("aws", "gcp") lands: topology/audit.py builds the Storage Transfer Service copy through a federated role.
    ("azure", "gcp"): (
        "Azure's diagnostic logs stay in the stack's Log Analytics workspace: Storage Transfer Service can read Azure "
        "Blob Storage keylessly (a federated identity), but the diagnostic setting writes to Log Analytics, not to a "
        "storage container it could read, and mcai does not yet add one"),
    ("aws", "azure"): (
        "AWS's CloudTrail log files stay in the trail bucket: the keyless managed path into Azure is Microsoft "
        "Sentinel's Amazon S3 connector (an IAM role trusting Sentinel's OpenID Connect issuer reads the files "
        "announced on an SQS queue), which needs Sentinel on the Log Analytics workspace; mcai does not build it, "
        "and Data Factory or AzCopy would need an access key"),
    ("gcp", "azure"): (
        "GCP's audit logs stay in Cloud Logging: the keyless managed path into Azure is Microsoft Sentinel's Google "
        "Cloud Pub/Sub connector (a log sink to Pub/Sub, read through a workload identity pool trusting Sentinel's "
        "Entra ID app), which needs Sentinel on the Log Analytics workspace; mcai does not build it"),
}


@finding_rule
def audit_logs_not_landed(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    spec = vspec.spec
    if spec.audit is None or spec.audit.land_in != "control_plane":
        return
    present = {s.cloud for s in topology.workload_stacks}  # a cloud with no stack writes no audit log of the estate
    for (source, plane), why in sorted(NOT_LANDED.items()):
        if plane == spec.control_plane and source in present:
            yield finding(vspec, "audit-not-landed", "warning", f"{why}.", ("audit", "land_in"))
