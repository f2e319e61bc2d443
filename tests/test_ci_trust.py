"""A CI identity whose own roles let it change its own trust or escalate (ci-can-change-own-trust): warned at the
role, with what the identity can do and the narrower grant, for each cloud; the generated steps say exactly what the
separate bootstrap stacks do and do not guarantee. Pure derivation, no terraform."""

from __future__ import annotations

import pytest
from conftest import REPO

from mcai import findings
from mcai.report.model import Finding
from mcai.spec import parse_spec
from mcai.topology import derive

EXAMPLES = REPO / "examples"
ID = "ci-can-change-own-trust"


def _findings(name: str, edit: tuple[str, str] = ("", "")) -> list[Finding]:
    text = (EXAMPLES / f"{name}.yaml").read_text()
    if edit[0]:
        assert text.count(edit[0]) == 1, edit[0]
        text = text.replace(*edit)
    vspec = parse_spec(text, f"{name}.yaml", EXAMPLES)
    return [f for f in findings.run(vspec, derive(vspec)) if f.id == ID]


def test_gcp_primary_warns_at_project_iam_admin_with_the_condition_to_use_instead() -> None:
    (found,) = _findings("gcp-primary")
    assert found.severity == "warning"
    assert found.spec_path.startswith("bootstrap.ci.apply-prod.roles[")
    assert found.location and found.location.startswith("gcp-primary.yaml:")
    assert "'roles/resourcemanager.projectIamAdmin'" in found.message
    assert "grant itself roles/owner" in found.message and "modifiedGrantsByRole" in found.message


def test_gcp_pool_admin_in_the_ci_pool_s_project_can_rewrite_its_own_condition() -> None:
    found = _findings("gcp-primary", ("roles/dns.admin,", "roles/dns.admin, roles/iam.workloadIdentityPoolAdmin, "
                                                         "roles/iam.securityAdmin,"))
    messages = {f.message.split("'")[3]: f.message for f in found}
    assert sorted(messages) == ["roles/iam.securityAdmin", "roles/iam.workloadIdentityPoolAdmin",
                                "roles/resourcemanager.projectIamAdmin"]
    assert "attribute condition" in messages["roles/iam.workloadIdentityPoolAdmin"]


def test_azure_primary_warns_at_contributor_and_the_unconditioned_rbac_administrator() -> None:
    found = {f.spec_path: f.message for f in _findings("azure-primary")}
    assert len(found) == 2, found
    contributor, rbac = (next(m for m in found.values() if f"'{role}'" in m)
                         for role in ("Contributor", "Role Based Access Control Administrator"))
    assert "federatedIdentityCredentials/write" in contributor and "resource groups" in contributor
    assert "Owner" in rbac and "ABAC condition" in rbac
    assert all(p.startswith("bootstrap.ci.apply-prod.roles[") for p in found)


@pytest.mark.parametrize("edit, expected", [
    (("arn:aws:iam::aws:policy/PowerUserAccess,", "arn:aws:iam::aws:policy/IAMFullAccess,"), 1),
    (("", ""), 0),  # PowerUserAccess excludes IAM; a customer-managed policy's content is not mcai's to read
])
def test_aws_iam_full_access_where_the_ci_role_lives(edit: tuple[str, str], expected: int) -> None:
    found = [f for f in _findings("production-pattern", edit) if f.spec_path.startswith("bootstrap.ci.apply-prod."
                                                                                       "roles[")]
    assert len(found) == expected
    assert all("rewrite its own role's trust policy" in f.message and "permissions boundary" in f.message
               for f in found)


def test_roles_on_another_cloud_are_checked_where_that_identity_lives() -> None:
    found = _findings("gcp-primary", ("      access: apply\n", "      access: apply\n      roles_on: {azure: "
                                      "[User Access Administrator]}\n"))
    on_azure = [f for f in found if f.spec_path.startswith("bootstrap.ci.apply-prod.roles_on.azure")]
    assert len(on_azure) == 1 and "assign any role" in on_azure[0].message


def test_the_steps_say_what_the_separate_bootstrap_does_not_guarantee() -> None:
    vspec = parse_spec((EXAMPLES / "gcp-primary.yaml").read_text(), "gcp-primary.yaml", EXAMPLES)
    steps = [s for stack in derive(vspec).stacks for s in stack.manual_steps]
    assert not any("must not be able to change its own trust" in s for s in steps)
    assert any("does not stop a pipeline changing its own trust" in s and ID in s for s in steps)


def test_production_pattern_warns_on_the_other_clouds_where_its_stacks_need_iam_admin() -> None:
    """Its gcp stack creates a workload identity pool and grants project roles; its azure stack assigns roles: the
    roles stay, and the risk is reported at each, on the cloud whose CI identity holds it."""
    paths = sorted(f.spec_path for f in _findings("production-pattern"))
    assert paths == ["bootstrap.ci.apply-prod.roles_on.azure[0]", "bootstrap.ci.apply-prod.roles_on.azure[1]",
                     "bootstrap.ci.apply-prod.roles_on.gcp[2]", "bootstrap.ci.apply-prod.roles_on.gcp[3]"]
