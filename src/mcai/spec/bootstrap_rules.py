"""Bootstrap rules that need the rest of the spec: one branch or environment per CI identity, role names in each
cloud's form and never a blanket administrator role, subjects within Google's limit where GCP trusts them, and adopted
AWS OIDC providers that are used."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcai.spec.accounts import accounts_of
from mcai.spec.bootstrap import CiIdentity
from mcai.spec.identity import MAX_GOOGLE_SUBJECT
from mcai.spec.models import Spec
from mcai.spec.rules import Finding, declared_clouds, rule

ROLE_FORMS = {
    "aws": (re.compile(r"arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/[\w+=,.@/-]{1,128}", re.ASCII),
            "an IAM managed policy ARN like arn:aws:iam::aws:policy/ReadOnlyAccess"),
    "azure": (re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()-]{1,127}", re.ASCII),
              "an Azure built-in or custom role name like Reader or Storage Blob Data Reader"),
    "gcp": (re.compile(r"(roles/[A-Za-z0-9_.]{3,100}|(projects|organizations)/[a-z0-9-]{1,64}/roles/[A-Za-z0-9_.]"
                       r"{3,64})", re.ASCII), "a GCP role like roles/aiplatform.viewer or projects/<project>/roles/<id>"),
}

# Roles that grant everything (or read everything) in an account: a CI identity holding one can rewrite its own
# trust and every other identity (or read every secret-bearing resource). Each maps, by the identity's access, to the
# narrower role to grant instead and what goes with it.
_GCP_VIEWERS = ("roles/iam.securityReviewer", "plus the predefined viewer roles of the services used, e.g. "
                "roles/aiplatform.viewer")
_GCP_ADMINS = ("roles/aiplatform.admin", "and the other predefined admin roles of the services used")
EVERYTHING = ("grants everything in the account, so a CI identity holding it can change its own trust and every "
              "other identity")
BLANKET: dict[str, dict[str, tuple[str, dict[str, tuple[str, str]]]]] = {
    "aws": {r"arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess": (EVERYTHING, {
        "plan": ("arn:aws:iam::aws:policy/ReadOnlyAccess", ""),
        "apply": ("arn:aws:iam::aws:policy/PowerUserAccess", "plus a customer-managed policy for the IAM roles the "
                  "stacks create")})},
    "azure": {r"Owner": (EVERYTHING, {"plan": ("Reader", ""),
                                      "apply": ("Contributor", "plus 'Role Based Access Control Administrator' for "
                                                "the role assignments the stacks make; both still let it change its "
                                                "own trust where it lives, reported as ci-can-change-own-trust")})},
    "gcp": {r"roles/(owner|editor)": (EVERYTHING, {"plan": _GCP_VIEWERS, "apply": _GCP_ADMINS}),
            r"roles/viewer": ("reads every resource of every service in the project", {"plan": _GCP_VIEWERS,
                                                                                       "apply": _GCP_ADMINS})},
}


AWS_MAX_POLICIES = 10  # IAM's default quota of managed policies per role (GCP and Azure take up to the spec's 20)


def _blanket(cloud: str, role: str, access: str) -> str | None:
    for pattern, (why, instead) in BLANKET[cloud].items():
        if re.fullmatch(pattern, role, re.ASCII):
            narrower, extra = instead[access]
            return (f"'{role}' is a blanket role: it {why}; did you mean '{narrower}'?"
                    f"{' (' + extra + ')' if extra else ''}")
    return None


def ci_roles(spec: Spec, key: str, ci: CiIdentity) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """(cloud, path, role) for every role a CI identity lists: `roles` on the control plane, `roles_on` elsewhere."""
    for i, role in enumerate(ci.roles or ()):
        yield spec.control_plane, ("bootstrap", "ci", key, "roles", i), role
    for cloud, roles in sorted(ci.roles_on.items()):
        for i, role in enumerate(roles):
            yield cloud, ("bootstrap", "ci", key, "roles_on", cloud, i), role


def _aws_accounts(spec: Spec) -> list[str]:
    aws = spec.clouds.aws
    named = accounts_of(aws)
    return [a.account_id for a in named.values()] if named else [aws.account_id] if aws is not None else []


@rule
def ci_identities(spec: Spec) -> Iterator[Finding]:
    b = spec.bootstrap
    if b is None:
        return
    for key, ci in sorted(b.ci.items()):
        path: tuple[str | int, ...] = ("bootstrap", "ci", key)
        if (ci.branch is None) == (ci.environment is None):
            yield path, ("give exactly one of 'branch' and 'environment': the identity admits the pipelines of one "
                         "branch or one deployment environment, never a whole repository")
        if ci.environment is not None and ci.provider != "github":
            yield path + ("environment",), ("'environment' is a GitHub Actions subject; a GitLab token names its "
                                            "branch (use 'branch')")
        if ci.provider == "github" and ci.repository.count("/") != 1:
            yield path + ("repository",), "a GitHub repository is ORG/REPO (one '/')"
        for cloud in sorted(ci.roles_on):
            if cloud == spec.control_plane:
                yield path + ("roles_on", cloud), (f"{cloud} is the control plane: its roles are 'roles' (roles_on "
                                                   "is for the estate's other clouds)")
            elif cloud not in declared_clouds(spec):
                yield path + ("roles_on", cloud), f"cloud '{cloud}' is not declared under 'clouds'"
        for cloud, where, role in ci_roles(spec, key, ci):
            pattern, form = ROLE_FORMS[cloud]
            if not pattern.fullmatch(role):
                yield where, f"the identity's roles on {cloud} are each {form}"
            elif (why := _blanket(cloud, role, ci.access)) is not None:
                yield where, why
            elif cloud == "aws" and (owner := role.split(":")[4]) not in ("aws", *_aws_accounts(spec)):
                yield where, (f"the policy's account {owner} is not an AWS account of this estate: a customer-managed "
                              "policy is attached in the account it names (list one ARN per account), an AWS "
                              "managed policy (arn:aws:iam::aws:policy/...) in every account")
        aws_roles = ci.roles if spec.control_plane == "aws" else ci.roles_on.get("aws")
        if aws_roles is not None and len(aws_roles) > AWS_MAX_POLICIES:
            yield (path + (("roles",) if spec.control_plane == "aws" else ("roles_on", "aws")),
                   f"{len(aws_roles)} policies: IAM attaches at most {AWS_MAX_POLICIES} managed policies to a role "
                   "(its default quota); combine them into a customer-managed policy")
        if "gcp" in declared_clouds(spec) and len(ci.subject.encode()) > MAX_GOOGLE_SUBJECT:
            yield path, (f"the token subject '{ci.subject}' is {len(ci.subject.encode())} bytes; Google admits at "
                         f"most {MAX_GOOGLE_SUBJECT} in google.subject (shorten the branch or environment name)")
    for i, provider in enumerate(b.existing_aws_oidc_providers):
        path = ("bootstrap", "existing_aws_oidc_providers", i)
        if spec.clouds.aws is None:
            yield path, "no AWS cloud is declared: AWS OIDC providers are not used"
        elif provider in b.existing_aws_oidc_providers[:i]:
            yield path, f"{provider} is listed twice"
        elif not any(ci.provider == provider for ci in b.ci.values()):
            yield path, f"no CI identity under bootstrap.ci uses {provider}: nothing trusts this provider"
