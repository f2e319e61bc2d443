"""Spec objects for budgets: one per cloud account, its amount taken from the report's monthly estimate for that cloud
plus a margin, its alerts sent to the addresses and topics given here. Checks that need the rest of the spec (a
billing account for GCP, a start month for Azure) are in `budgets_rules.py`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from mcai.spec.base import LAX, StrictModel
from mcai.spec.types import pattern

# Budgets APIs refuse a malformed recipient only at apply time; a plain, conservative address shape here.
Email = Annotated[str, pattern(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}", "email",
                               "must be an email address like finops@example.com", max_len=254)]
GcpBillingAccount = Annotated[str, pattern(r"[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}", "gcp_billing_account",
                                           "must be a Cloud Billing account id: three groups of six uppercase hex "
                                           "digits, e.g. 012345-6789AB-CDEF01")]
SnsTopicArn = Annotated[str, pattern(r"arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,256}",
                                     "sns_topic_arn", "must be an SNS topic ARN like "
                                     "arn:aws:sns:us-east-1:111122223333:budget-alerts")]
ActionGroupId = Annotated[str, pattern(
    r"/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\w.()]{1,90}/providers/microsoft\.insights/actionGroups/"
    r"[-\w.]{1,260}", "action_group_id", "must be an Azure Monitor action group id like /subscriptions/<id>/"
    "resourceGroups/<group>/providers/microsoft.insights/actionGroups/<name>", flags=0)]
PubSubTopic = Annotated[str, pattern(r"projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/topics/[A-Za-z][\w.~+%-]{2,254}",
                                     "pubsub_topic", "must be a Pub/Sub topic like projects/<project>/topics/<name>")]
StartMonth = Annotated[str, pattern(r"20[2-9][0-9]-(0[1-9]|1[0-2])", "budget_start_month",
                                    "must be a month written YYYY-MM, e.g. 2027-01")]


class BudgetNotify(StrictModel):
    """Who hears a budget's alerts (actual spend at 80% and 100%, forecast at 100%)."""

    emails: Annotated[tuple[Email, ...], LAX] = Field(min_length=1, max_length=5)
    """Addresses alerted by every cloud's budget (1-5: a Cloud Billing budget takes at most five channels)."""
    aws_sns_topic_arn: SnsTopicArn | None = None
    """An SNS topic the AWS budget also publishes to (its policy must let budgets.amazonaws.com publish)."""
    azure_action_group_id: ActionGroupId | None = None
    """An Azure Monitor action group the Azure budget also notifies."""
    gcp_pubsub_topic: PubSubTopic | None = None
    """A Pub/Sub topic the GCP budget also publishes to, e.g. for automated responses."""


class Budgets(StrictModel):
    """A budget per cloud account whose amount is that cloud's priced monthly estimate plus a margin."""

    margin_percent: int = Field(default=20, ge=0, le=500)
    """Added to the estimate; it must also cover what the estimate could not price (the report lists it)."""
    minimum_monthly_usd: int = Field(default=10, ge=1, le=10_000_000)
    """The amount used where the estimate prices nothing for a cloud (or less than this), in USD."""
    notify: BudgetNotify
    gcp_billing_account: GcpBillingAccount | None = None
    """The Cloud Billing account paying for the GCP project (partner-supplied); required when GCP is declared."""
    start_month: StartMonth | None = None
    """First month the Azure budget runs (YYYY-MM: at apply, the current month or up to a year ahead). Required
    when Azure is declared: a month written down keeps the output the same on every run."""
