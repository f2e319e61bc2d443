"""Budget rules that need the rest of the spec: the partner-supplied values each declared cloud's budget needs."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.spec.models import Spec
from mcai.spec.rules import Finding, rule


@rule
def budget_values_for_declared_clouds(spec: Spec) -> Iterator[Finding]:
    b = spec.budgets
    if b is None:
        return
    if spec.clouds.gcp is not None and b.gcp_billing_account is None:
        yield ("budgets",), ("'gcp_billing_account' is required: the GCP budget is created on the Cloud Billing "
                             "account that pays for the project (ask whoever owns billing; e.g. 012345-6789AB-CDEF01)")
    if spec.clouds.azure is not None and b.start_month is None:
        yield ("budgets",), ("'start_month' (YYYY-MM) is required: an Azure budget needs a first month, and mcai "
                             "never derives one from the clock")
    for cloud, value in (("aws", b.notify.aws_sns_topic_arn), ("azure", b.notify.azure_action_group_id),
                         ("gcp", b.notify.gcp_pubsub_topic)):
        if value is not None and getattr(spec.clouds, cloud) is None:
            key = {"aws": "aws_sns_topic_arn", "azure": "azure_action_group_id", "gcp": "gcp_pubsub_topic"}[cloud]
            yield ("budgets", "notify", key), f"cloud '{cloud}' is not declared under 'clouds': no budget uses this"
