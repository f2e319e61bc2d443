"""The bootstrap stack (state store + keyless CI identities) and hand-overs between stacks via remote state.

Pure derivation tests (no terraform): the rendered stacks themselves are validated and scanned with the
production-pattern golden (tests/test_terraform.py, tests/test_checkov.py) and the module by its own terraform test.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import REPO

from mcai.diagnostics import SpecError
from mcai.spec import parse_spec
from mcai.topology import derive
from mcai.topology.model import Expr, Topology

PRODUCTION = (REPO / "examples" / "production-pattern.yaml").read_text()
MINIMAL = """\
version: 1
name: acme-ai
environment: prod
control_plane: aws
clouds:
  aws: {account_id: "111122223333", region: eu-west-1}
bootstrap:
"""


def _topology(text: str) -> Topology:
    return derive(parse_spec(text, "s.yaml", REPO / "examples"))


def _errors(text: str) -> list[tuple[str, str]]:
    with pytest.raises(SpecError) as err:
        parse_spec(text, "s.yaml")
    return [(d.dotted_path, d.message) for d in err.value.diagnostics]


def _state_call(topology: Topology) -> Any:
    return next(m for m in topology.stack("bootstrap").modules if m.label == "state")


def _exprs(value: Any) -> list[str]:
    if isinstance(value, Expr):
        return [value.text]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _exprs(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _exprs(v)]
    return []


# -- CI identities: exact subjects, one per pipeline ------------------------------------------------------------------
def test_each_ci_identity_admits_the_exact_subject_of_its_branch_or_environment() -> None:
    text = MINIMAL + """\
  ci:
    plan: {provider: github, repository: acme/ai-platform, branch: main}
    prod: {provider: github, repository: acme/ai-platform, environment: production, access: apply,
           roles: ["arn:aws:iam::aws:policy/PowerUserAccess"]}
    lab: {provider: gitlab, repository: acme/platform/ai, branch: release/2027}
"""
    roles = _state_call(_topology(text)).inputs["ci_roles"]
    assert {k: (r["issuer"], r["subject"], r["access"]) for k, r in roles.items()} == {
        "plan": ("https://token.actions.githubusercontent.com", "repo:acme/ai-platform:ref:refs/heads/main", "plan"),
        "prod": ("https://token.actions.githubusercontent.com", "repo:acme/ai-platform:environment:production",
                 "apply"),
        "lab": ("https://gitlab.com", "project_path:acme/platform/ai:ref_type:branch:ref:release/2027", "plan")}
    # plan identities are read-only in the cloud by default; apply identities get exactly what the spec lists
    assert roles["plan"]["managed_policy_arns"] == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    assert roles["prod"]["managed_policy_arns"] == ["arn:aws:iam::aws:policy/PowerUserAccess"]


def test_one_oidc_provider_per_issuer_or_the_existing_one_adopted() -> None:
    ci = """\
  ci:
    a: {provider: github, repository: acme/ai, branch: main}
    b: {provider: github, repository: acme/ai, environment: prod, access: apply}
    c: {provider: gitlab, repository: acme/ai, branch: main}
"""
    created = _topology(MINIMAL + ci).stack("bootstrap")
    assert [m.inputs["issuer_url"] for m in created.modules if m.module == "aws-oidc-provider"] == [
        "https://token.actions.githubusercontent.com", "https://gitlab.com"]
    adopted = _topology(MINIMAL + ci + "  existing_aws_oidc_providers: [github]\n").stack("bootstrap")
    assert [m.label for m in adopted.modules if m.module == "aws-oidc-provider"] == ["ci_oidc_gitlab"]
    roles = next(m for m in adopted.modules if m.label == "state").inputs["ci_roles"]
    assert roles["a"]["oidc_provider_arn"] == \
        "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
    assert roles["c"]["oidc_provider_arn"] == Expr("module.ci_oidc_gitlab.arn")


def test_an_apply_identity_without_roles_is_told_it_has_state_access_only() -> None:
    text = MINIMAL + "  ci:\n    prod: {provider: github, repository: acme/ai, environment: prod, access: apply}\n"
    stack = _topology(text).stack("bootstrap")
    assert _state_call(_topology(text)).inputs["ci_roles"]["prod"]["managed_policy_arns"] == []
    step = next(s for s in stack.manual_steps if s.startswith("CI identity 'prod'"))
    assert "nothing besides state" in step and "bootstrap.ci.prod.roles" in step


@pytest.mark.parametrize(("extra", "where", "needle"), [
    ("  ci:\n    x: {provider: github, repository: acme/ai, branch: main}\n"
     "  existing_aws_oidc_providers: [gitlab]\n", "bootstrap.existing_aws_oidc_providers[0]", "nothing trusts"),
    ("  ci:\n    x: {provider: gitlab, repository: acme/ai, branch: main, roles: [roles/viewer]}\n",
     "bootstrap.ci.x.roles[0]", "IAM managed policy ARN"),
])
def test_misplaced_values_are_located(extra: str, where: str, needle: str) -> None:
    errors = _errors(MINIMAL + extra)
    assert [path for path, _ in errors] == [where] and needle in errors[0][1]


@pytest.mark.parametrize(("example", "module", "backend", "store"), [
    ("azure-primary", "azure-bootstrap", "azurerm", "storage_account_name"),
    ("gcp-primary", "gcp-bootstrap", "gcs", "bucket")])
def test_azure_and_gcp_control_planes_get_their_own_bootstrap(example: str, module: str, backend: str,
                                                              store: str) -> None:
    topology = _topology((REPO / "examples" / f"{example}.yaml").read_text())
    boot = topology.stack("bootstrap")
    assert boot.apply_order == 1 and boot.cloud == topology.control_plane
    call = next(m for m in boot.modules if m.module == module)
    named = call.inputs["storage_account_name" if backend == "azurerm" else "state_bucket_name"]
    for stack in topology.stacks:
        assert stack.backend.type == backend and stack.backend.final and stack.backend.settings[store] == named
    ci = call.inputs["ci_identities" if backend == "azurerm" else "ci_pipelines"]
    assert ci["apply-prod"]["subject"] == "repo:acme/support-assistant:environment:production"
    if backend == "azurerm":
        assert ci["plan"]["roles"] == ["Reader"]
        # shared keys are off on the state account: the provider must read its data-plane settings with Entra ID
        assert boot.provider_settings["storage_use_azuread"] is True
        # the workload stack sets it only for storage accounts of its own (azure-primary's documents account)
        azure = topology.stack("azure")
        documents = any(m.module == "azure-documents-storage" for m in azure.modules)
        assert azure.provider_settings.get("storage_use_azuread") is (True if documents else None)
    else:  # no primitive role: the example lists predefined viewer roles, and without a list nothing is granted
        assert "roles/viewer" not in ci["plan"]["roles"] and "roles/compute.viewer" in ci["plan"]["roles"]
        from mcai.topology.bootstrap_clouds import roles_of

        assert roles_of(topology_spec_ci_without_roles(), "gcp", "gcp") == []
    if backend == "gcs":  # the APIs the pool and bucket need are enabled first, in the bootstrap stack itself
        assert boot.modules[0].module == "gcp-project-services" and "sts.googleapis.com" in boot.google_apis


# -- the state store: first in apply order, every backend points at it -----------------------------------------------
def test_the_bootstrap_is_applied_first_and_every_backend_names_its_bucket() -> None:
    topology = _topology(PRODUCTION)
    assert [(s.name, s.apply_order) for s in topology.stacks] == [
        ("bootstrap", 1), ("bootstrap-azure", 2), ("bootstrap-gcp", 3), ("aws", 4), ("azure", 5), ("gcp", 6)]
    bucket = _state_call(topology).inputs["state_bucket_name"]
    assert bucket == "support-assistant-prod-tfstate-111122223333"
    for stack in topology.stacks:
        assert stack.backend.final and stack.backend.settings == {
            "bucket": bucket, "key": f"support-assistant/prod/{stack.name}.tfstate", "region": "us-east-1",
            "use_lockfile": "true"}  # no `encrypt`: it would ask for SSE-S3, which the bucket policy refuses
    steps = topology.stack("bootstrap").manual_steps
    assert "local_override.tf" in steps[0] and "terraform init -migrate-state -backend-config=backend.hcl" in steps[1]


def test_without_a_bootstrap_the_backends_keep_their_placeholders() -> None:
    topology = _topology((REPO / "examples" / "article-egress.yaml").read_text())
    assert "bootstrap" not in [s.name for s in topology.stacks]
    assert all(not s.backend.final and s.backend.settings["bucket"] == "<state bucket>" for s in topology.stacks)


# -- hand-overs: declared once, copied by hand or read from remote state -----------------------------------------------
MANUAL = PRODUCTION.replace("  handovers: remote_state\n", "")


def test_every_declared_handover_names_an_output_the_other_stack_has() -> None:
    topology = _topology(MANUAL)
    handed = [(s.name, v) for s in topology.stacks for v in s.variables if v.handover]
    assert {(stack, v.name, v.handover) for stack, v in handed} == {
        ("aws", "azure_vpn_addresses", ("azure", "vpn_public_ip_addresses")),
        ("aws", "gcp_vpn_addresses", ("gcp", "ha_vpn_interface_addresses")),
        ("azure", "aws_vpn_tunnels", ("aws", "azure_vpn_tunnels")),
        ("gcp", "aws_vpn_tunnels", ("aws", "gcp_vpn_tunnels")),
        # the GCP audit push into the AWS log store: the endpoint one way, the pusher's unique id the other
        ("aws", "audit_pusher_subject_id", ("gcp", "audit_pusher_unique_id")),
        ("gcp", "audit_receiver_endpoint", ("aws", "audit_receiver_endpoint")),
        # the Azure audit push: the receiver's Azure route one way, the Logic App identity's object id the other
        ("aws", "audit_azure_principal_id", ("azure", "audit_push_principal_id")),
        ("azure", "audit_receiver_endpoint", ("aws", "audit_receiver_azure_endpoint"))}
    for _, v in handed:
        assert v.handover is not None
        source, output = v.handover
        assert output in [o.name for o in topology.stack(source).outputs]
    assert not any(s.remote_states for s in topology.stacks)
    assert any("copy the azure output `vpn_public_ip_addresses` into the aws variable `azure_vpn_addresses`" in step
               for s in topology.stacks for step in s.manual_steps)


def test_remote_state_replaces_every_handover_input_with_the_other_stack_s_output() -> None:
    manual, remote = _topology(MANUAL), _topology(PRODUCTION)
    for stack in remote.workload_stacks:
        before = {v.name: v for v in manual.stack(stack.name).variables}
        gone = {name for name, v in before.items() if v.handover}
        assert {v.name for v in stack.variables} == set(before) - gone
        texts = [t for m in stack.modules for t in _exprs(m.inputs)]
        assert not [t for t in texts for name in gone if re.search(rf"\bvar\.{name}\b", t)]
        for name in gone:
            source, output = before[name].handover  # type: ignore[misc]
            assert f"data.terraform_remote_state.{source}.outputs.{output}" in texts
        sources = {before[name].handover[0] for name in gone}  # type: ignore[index]
        assert {rs.stack for rs in stack.remote_states} == sources
        for rs in stack.remote_states:  # read where the other stack writes, without taking its lock
            assert rs.backend.settings["key"] == remote.stack(rs.stack).backend.key
            assert "use_lockfile" not in rs.backend.settings
            assert rs.defaults == {before[n].handover[1]: before[n].default  # type: ignore[index]
                                   for n in gone if before[n].handover[0] == rs.stack}  # type: ignore[index]
    assert not any("copy the" in step and "vpn" in step for s in remote.stacks for step in s.manual_steps)


def test_atlantis_leaves_the_bootstrap_to_its_manual_first_apply() -> None:
    from pathlib import PurePosixPath

    from mcai.estate.atlantis import atlantis_yaml

    text = atlantis_yaml([("p.yaml", _topology(PRODUCTION), PurePosixPath("generated/p"))], "mcai atlantis p.yaml")
    assert '"generated/p/bootstrap"' not in text and "stack bootstrap: applied by hand first" in text


def topology_spec_ci_without_roles():  # type: ignore[no-untyped-def]
    """A plan pipeline that lists no roles."""
    from mcai.spec.bootstrap import CiIdentity

    return CiIdentity(provider="github", repository="acme/ai", branch="main")


def test_the_azure_gcp_vpn_addresses_are_read_from_remote_state_too() -> None:
    """The Azure <-> GCP HA VPN's two hand-overs are declared like the others, so remote_state covers them."""
    text = (REPO / "examples" / "gcp-primary.yaml").read_text()
    assert text.count("\nbootstrap:\n") == 1
    topology = _topology(text.replace("\nbootstrap:\n", "\nbootstrap:\n  handovers: remote_state\n"))
    for stack, variable, source, output in (("gcp", "azure_vpn_addresses", "azure", "vpn_public_ip_addresses"),
                                            ("azure", "gcp_vpn_addresses", "gcp", "azure_ha_vpn_interface_addresses")):
        st = topology.stack(stack)
        assert variable not in {v.name for v in st.variables}
        assert f"data.terraform_remote_state.{source}.outputs.{output}" in repr([m.inputs for m in st.modules])
        assert any("reads the" in s and output in s for s in st.manual_steps + topology.stack(source).manual_steps)
