"""CI identities on every cloud and account of the estate (`bootstrap-<stack>/`), and blanket roles refused.

Pure derivation tests (no terraform): the rendered stacks are validated and scanned with the aws-accounts and
production-pattern goldens (tests/test_terraform.py, tests/test_checkov.py), the modules by their own terraform tests,
and the located errors by tests/invalid/bootstrap-ci-*.yaml.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from conftest import REPO

from mcai.estate.atlantis import atlantis_yaml
from mcai.spec import parse_spec
from mcai.topology import derive
from mcai.topology.model import Topology

EXAMPLES = REPO / "examples"


def _topology(name: str, edit: tuple[str, str] = ("", "")) -> Topology:
    text = (EXAMPLES / f"{name}.yaml").read_text()
    if edit[0]:
        assert text.count(edit[0]) == 1, edit[0]
        text = text.replace(*edit)
    return derive(parse_spec(text, f"{name}.yaml", EXAMPLES))


def _call(topology: Topology, stack: str, label: str) -> Any:
    return next(m for m in topology.stack(stack).modules if m.label == label)


def test_every_account_outside_the_state_s_gets_the_same_pipelines_right_after_the_bootstrap() -> None:
    for example, expected in (("production-pattern", ["bootstrap", "bootstrap-azure", "bootstrap-gcp"]),
                              ("gcp-primary", ["bootstrap", "bootstrap-aws", "bootstrap-azure"]),
                              ("aws-accounts", ["bootstrap", "bootstrap-aws-workloads"])):
        topology = _topology(example)
        order = [s.name for s in sorted(topology.stacks, key=lambda s: s.apply_order)]
        assert order[:len(expected)] == expected, example
        assert not any(s.name.startswith("bootstrap") for s in topology.workload_stacks)
        boot = topology.stack("bootstrap")
        for name in expected[1:]:
            stack = topology.stack(name)
            # state in the control plane's store, like every stack; applied by an administrator, never by CI
            assert stack.backend.final and stack.backend.settings == {
                **boot.backend.settings, **{k: v for k, v in stack.backend.settings.items() if k in ("key", "prefix")}}
            assert stack.backend.key.endswith(f"/{name}.tfstate")
            assert "administrator credentials" in stack.manual_steps[0]


def test_each_identity_admits_exactly_the_control_plane_s_subjects() -> None:
    topology = _topology("production-pattern")
    roles = _call(topology, "bootstrap", "state").inputs["ci_roles"]
    azure = _call(topology, "bootstrap-azure", "ci").inputs["ci_identities"]
    gcp = _call(topology, "bootstrap-gcp", "ci").inputs["ci_pipelines"]
    for key, role in roles.items():
        assert (azure[key]["issuer"], azure[key]["subject"]) == (role["issuer"], role["subject"])
        assert (gcp[key]["issuer"], gcp[key]["subject"]) == (role["issuer"], role["subject"])
        assert "*" not in role["subject"]


def test_roles_on_each_cloud_are_roles_on_or_the_read_only_defaults() -> None:
    topology = _topology("production-pattern")
    azure = _call(topology, "bootstrap-azure", "ci").inputs["ci_identities"]
    gcp = _call(topology, "bootstrap-gcp", "ci").inputs["ci_pipelines"]
    assert azure["apply-prod"]["roles"] == ["Contributor", "Role Based Access Control Administrator"]
    assert gcp["apply-prod"]["roles"][0] == "roles/aiplatform.admin"
    # plan lists nothing: Reader on Azure; nothing on GCP (never the primitive roles/viewer), and its step says so
    assert azure["plan"]["roles"] == ["Reader"] and gcp["plan"]["roles"] == []
    assert any("bootstrap.ci.plan.roles_on.gcp" in step for step in topology.stack("bootstrap-gcp").manual_steps)


def test_a_customer_managed_policy_is_attached_only_in_the_account_it_names() -> None:
    topology = _topology("aws-accounts")
    home = _call(topology, "bootstrap", "state").inputs["ci_roles"]["apply-prod"]["managed_policy_arns"]
    other = _call(topology, "bootstrap-aws-workloads", "ci").inputs["ci_roles"]["apply-prod"]["managed_policy_arns"]
    assert home == ["arn:aws:iam::aws:policy/PowerUserAccess",
                    "arn:aws:iam::111111111111:policy/support-assistant-iam-admin"]
    assert other == ["arn:aws:iam::aws:policy/PowerUserAccess",
                     "arn:aws:iam::222222222222:policy/support-assistant-iam-admin"]


def test_each_aws_account_gets_its_own_oidc_provider_or_adopts_the_existing_one() -> None:
    created = _topology("aws-accounts")
    assert _call(created, "bootstrap-aws-workloads", "ci_oidc_github").module == "aws-oidc-provider"
    adopted = _topology("gcp-primary", ("\nbootstrap:\n", "\nbootstrap:\n  existing_aws_oidc_providers: [github]\n"))
    stack = adopted.stack("bootstrap-aws")
    assert "aws-oidc-provider" not in stack.module_names
    arn = {r["oidc_provider_arn"] for r in _call(adopted, "bootstrap-aws", "ci").inputs["ci_roles"].values()}
    assert arn == {f"arn:aws:iam::{stack.account}:oidc-provider/token.actions.githubusercontent.com"}


def test_without_ci_identities_there_are_no_ci_stacks() -> None:
    text = """\
version: 1
name: acme-ai
environment: prod
control_plane: aws
clouds:
  aws: {account_id: "111122223333", region: eu-west-1}
  azure: {subscription_id: 00000000-0000-0000-0000-000000000000, tenant_id: 11111111-1111-1111-1111-111111111111,
          location: eastus2, network: {cidr: 10.20.0.0/16}}
bootstrap: {}
"""
    topology = derive(parse_spec(text, "s.yaml"))
    assert [s.name for s in topology.stacks] == ["bootstrap", "aws", "azure"]
    with_ci = derive(parse_spec(text.replace("bootstrap: {}", "bootstrap: {ci: {plan: {provider: github, "
                                             "repository: acme/ai, branch: main}}}"), "s.yaml"))
    assert [s.name for s in with_ci.stacks] == ["bootstrap", "bootstrap-azure", "aws", "azure"]


def test_run_engines_leave_every_bootstrap_stack_to_its_administrator() -> None:
    text = atlantis_yaml([("a.yaml", _topology("aws-accounts"), PurePosixPath("generated/a"))], "mcai atlantis")
    assert '"generated/a/bootstrap-aws-workloads"' not in text
    assert "stack bootstrap-aws-workloads: applied by hand first" in text
    assert '"generated/a/aws-workloads"' in text
