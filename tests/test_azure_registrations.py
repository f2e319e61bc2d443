"""Every Azure namespace a stack creates resources in is registered by its provider block (azurerm 5.x registers
none by default, so a missing one fails the first apply with MissingSubscriptionRegistration)."""

from __future__ import annotations

import re

import pytest
from conftest import GOLDEN, REPO

from mcai.spec import load_spec
from mcai.topology import derive
from mcai.topology.azure_registrations import namespace_of, needed

AZURERM_TYPE = re.compile(r'^resource "(azurerm_[a-z0-9_]+)"', re.M)


def test_every_azurerm_type_a_module_can_create_has_a_known_namespace() -> None:
    types = {t for tf in (REPO / "modules").glob("*/*.tf") for t in AZURERM_TYPE.findall(tf.read_text())}
    assert types, "no azurerm resource in modules/"
    unknown = []
    for resource_type in sorted(types):
        try:
            namespace_of(resource_type)
        except KeyError:
            unknown.append(resource_type)
    assert not unknown, f"give these a namespace in topology/azure_registrations.py: {unknown}"


def test_sentinel_added_by_the_audit_landing_registers_security_insights() -> None:
    topology = derive(load_spec(REPO / "examples" / "azure-primary.yaml"))
    azure = topology.stack("azure")
    created = {r.type for m in azure.modules for r in m.resources}
    assert "azurerm_sentinel_log_analytics_workspace_onboarding" in created
    assert needed(created) <= set(azure.provider_settings["resource_providers"])
    assert "Microsoft.SecurityInsights" in (GOLDEN / "azure-primary" / "azure" / "providers.tf").read_text()
    assert "Microsoft.SecurityInsights" not in (GOLDEN / "azure-openai" / "azure" / "providers.tf").read_text()


@pytest.mark.parametrize("example", ["azure-primary", "production-pattern", "gcp-primary", "azure-openai"])
def test_each_azure_stack_registers_what_its_module_calls_create(example: str) -> None:
    for stack in derive(load_spec(REPO / "examples" / f"{example}.yaml")).stacks:
        if "resource_providers" in stack.provider_settings:
            created = {r.type for m in stack.modules for r in m.resources}
            assert needed(created) <= set(stack.provider_settings["resource_providers"]), stack.name


def test_the_sentinel_workspace_keeps_the_audit_copy_as_long_as_the_trail() -> None:
    """The workspace holds AWS's trail once Sentinel lands it: 30 days there against 365 in the trail bucket would
    make the control plane's copy the shortest-lived one (the workspace's own limit is 730 days)."""
    vspec = load_spec(REPO / "examples" / "azure-primary.yaml")
    foundation = next(m for m in derive(vspec).stack("azure").modules if m.label == "foundation")
    assert vspec.spec.audit is not None
    assert foundation.inputs["log_analytics"]["retention_days"] == min(vspec.spec.audit.retention_days, 730) == 365
