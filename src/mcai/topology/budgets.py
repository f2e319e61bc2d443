"""A budget per account (AWS Budgets in each AWS account, an Azure consumption budget per subscription, a Cloud
Billing budget per GCP project) at the amount the cost estimate computed for that account (`cost/budgets.py`). The topology gets only the figure and the sentence saying where it came from;
it never reads the estimate."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from mcai.spec.models import Spec
from mcai.topology.model import ModuleCall, Resource, Stack
from mcai.topology.names import Namer, NameRule

AWS_BUDGET = NameRule("AWS budget name", 1, 100, r"[^:\\]+", "any characters but ':' and '\\'")
AZURE_BUDGET = NameRule("Azure consumption budget name", 1, 63, r"[A-Za-z0-9_-]+", "letters, digits, '-' and '_'")
GCP_BUDGET = NameRule("Cloud Billing budget display name", 1, 60, r".+", "any characters")


@dataclass(frozen=True)
class BudgetFigure:
    """What the estimate says an account's budget is: whole USD a month and the sentence naming its source."""

    amount_usd: int
    source: str


def with_budget(stack: Stack, spec: Spec, figure: BudgetFigure, namer: Namer, account: Any) -> Stack:
    """The stack with its budget module call and the manual steps that budget needs. `account`: the settings of the
    stack's account (its id, project), which the budget is scoped to."""
    b = spec.budgets
    assert b is not None
    name = f"{spec.prefix}-{stack.name}-monthly"
    emails = sorted(b.notify.emails)
    steps: list[str] = []
    resources: tuple[Resource, ...]
    inputs: dict[str, Any]
    if stack.cloud == "aws":
        inputs = {"name": namer.name(AWS_BUDGET, name, ("name",)), "amount_usd": figure.amount_usd,
                  "account_id": account.account_id, "emails": emails, "sns_topic_arns": [b.notify.aws_sns_topic_arn] if b.notify.aws_sns_topic_arn
                  else []}
        resources = (Resource("aws_budgets_budget", "this"),)
        if b.notify.aws_sns_topic_arn:
            steps.append(f"AWS budget alerts: the SNS topic {b.notify.aws_sns_topic_arn} must allow "
                         f"budgets.amazonaws.com to publish (sns:Publish in its topic policy) before applying the "
                         f"{stack.name} stack.")
    elif stack.cloud == "azure":
        inputs = {"name": namer.name(AZURE_BUDGET, name, ("name",)), "amount_usd": figure.amount_usd,
                  "subscription_id": stack.account, "start_month": b.start_month, "emails": emails,
                  "action_group_ids": [b.notify.azure_action_group_id] if b.notify.azure_action_group_id else []}
        resources = (Resource("azurerm_consumption_budget_subscription", "this"),)
        steps.append(f"Azure budget: its amount is in the subscription's billing currency and the estimate is in "
                     f"USD; budgets.start_month ({b.start_month}) must be the current month or up to a year ahead "
                     f"when the {stack.name} stack is first applied.")
    else:
        assert b.gcp_billing_account is not None
        inputs = {"display_name": namer.name(GCP_BUDGET, name, ("name",)), "amount_usd": figure.amount_usd,
                  "billing_account": b.gcp_billing_account, "project_id": account.project_id,
                  "project_number": account.project_number, "emails": emails,
                  "pubsub_topic": b.notify.gcp_pubsub_topic}
        resources = (Resource("google_billing_budget", "this"),
                     *(Resource("google_monitoring_notification_channel", f'email["{e}"]') for e in emails))
        steps.append(f"GCP budget: the identity applying the {stack.name} stack needs roles/billing.costsManager on billing "
                     f"account {b.gcp_billing_account} (granted by its billing administrator), and the budget is in "
                     "USD, so the billing account must be billed in USD.")
    call = ModuleCall(label="budget", module=f"{stack.cloud}-budget",
                      purpose=f"Monthly budget from the estimate: {figure.source}", inputs=inputs,
                      resources=resources, spec_path=("budgets",))
    return replace(stack, modules=(*stack.modules, call), manual_steps=(*stack.manual_steps, *steps))
