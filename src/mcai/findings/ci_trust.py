"""CI trust findings: a CI pipeline (apply or plan) whose own roles let it change its own trust or escalate its rights.

Each CI identity is created in its cloud's bootstrap stack, never by the stacks it applies, and its roles are granted
where the identity lives (the GCP project holding its workload identity pool, the Azure subscription holding its
managed identity, the AWS account holding its role). A role that edits IAM at that scope lets the pipeline rewrite
the trust that admits it (admit another repository or branch) or grant itself more: mcai cannot tell whether the
stacks need it, so it warns, at the role, with the narrower grant to use instead."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcai.findings import finding, finding_rule
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.spec.bootstrap_rules import ci_roles
from mcai.topology.model import Topology

_GCP_SCOPE = "in the project that holds its own workload identity pool"
_GCP_INSTEAD = ("grant it with an IAM condition limiting the roles it may grant (api.getAttribute("
                "'iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([...])), or keep the CI pool in a project of "
                "its own that the pipeline holds no IAM role in")
_AZURE_SCOPE = "at the subscription that holds its own managed identity"
_AZURE_ASSIGN = ("give the role assignment an ABAC condition restricting the roles it may assign (and to whom), or keep "
                 "the CI identities in a subscription of their own")
_AZURE_WRITE = ("scope it to the resource groups the stacks manage, or keep the CI identities in a subscription of "
                "their own")
_AWS_INSTEAD = ("grant a customer-managed policy allowing only the IAM actions the stacks need, with a permissions "
                "boundary on the roles they create, and deny iam:* on the CI roles themselves")

# cloud -> (role pattern, what the identity can do with it, scope, the narrower alternative)
ESCALATING: dict[str, list[tuple[str, str, str, str]]] = {
    "gcp": [
        (r"roles/resourcemanager\.projectIamAdmin", "set the project's IAM policy, so grant itself roles/owner",
         _GCP_SCOPE, _GCP_INSTEAD),
        (r"roles/iam\.securityAdmin", "set the project's IAM policy, so grant itself roles/owner", _GCP_SCOPE,
         _GCP_INSTEAD),
        (r"roles/iam\.workloadIdentityPoolAdmin", "edit its own pool provider's attribute condition, so admit any "
         "repository or branch", _GCP_SCOPE, "keep the CI pool in a project of its own that the pipeline holds no IAM "
         "role in (the stacks' own pools then need the role only in theirs)"),
    ],
    "azure": [
        (r"User Access Administrator", "assign any role, Owner included, to itself or anyone", _AZURE_SCOPE,
         _AZURE_ASSIGN),
        (r"Role Based Access Control Administrator", "assign any role, Owner included, to itself or anyone",
         _AZURE_SCOPE, _AZURE_ASSIGN),
        (r"Contributor", "write its own managed identity's federated credentials (federatedIdentityCredentials/write),"
         " so admit any repository or branch", _AZURE_SCOPE, _AZURE_WRITE),
        (r"Managed Identity Contributor", "write its own managed identity's federated credentials, so admit any "
         "repository or branch", _AZURE_SCOPE, _AZURE_WRITE),
    ],
    "aws": [
        (r"arn:aws[a-z-]*:iam::aws:policy/IAMFullAccess", "run every IAM action (iam:*), so rewrite its own role's "
         "trust policy or attach AdministratorAccess to itself", "in the account that holds its own role",
         _AWS_INSTEAD),
    ],
}


@finding_rule
def ci_can_change_own_trust(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    boot = vspec.spec.bootstrap
    if boot is None:
        return
    for key, ci in sorted(boot.ci.items()):
        for cloud, path, role in ci_roles(vspec.spec, key, ci):
            for pattern, can, scope, instead in ESCALATING[cloud]:
                if re.fullmatch(pattern, role, re.ASCII):
                    yield finding(vspec, "ci-can-change-own-trust", "warning",
                                  f"CI identity '{key}' ({ci.access}) holds '{role}' {scope}: it can {can}. Instead, "
                                  f"{instead}.", path)
