"""Spec object for the estate's audit trail: a CloudTrail trail for Bedrock in the AWS account, and where each
cloud's audit logs land (each in its own cloud, or in the control plane's log store). Checks that need the rest of
the spec are in `audit_rules.py`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mcai.spec.base import StrictModel


class Audit(StrictModel):
    """Audit logs of the estate's AI calls. Declaring `audit:` creates a CloudTrail trail for the AWS account
    (management events, which hold every Bedrock runtime call, and the Bedrock data events of the resources the
    estate creates) into its own encrypted, versioned log bucket. Without `audit:` each cloud keeps its logs as
    before: GCP Data Access logs in Cloud Logging, Azure diagnostic logs in the stack's Log Analytics workspace."""

    land_in: Literal["each_cloud", "control_plane"] = "each_cloud"
    """`each_cloud`: every cloud's audit logs stay in that cloud. `control_plane`: the other clouds' audit logs are
    also copied into the control plane's log store, by keyless paths only (federated identities, never access keys,
    HMAC keys or SAS tokens); each cloud whose logs do not land there is reported (finding `audit-not-landed`:
    the keyless path that would, or why none exists), never left silent."""
    retention_days: int = Field(default=365, ge=90, le=3650)
    """Days the trail's log files are kept (90-3,650) before the bucket's lifecycle rule expires them."""
