"""Bootstrap rules that need the rest of the spec: one branch or environment per CI identity, role names in the
control plane's form, subjects within the control plane's limits, and adopted AWS OIDC providers that are used."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcai.spec.identity import MAX_GOOGLE_SUBJECT
from mcai.spec.models import Spec
from mcai.spec.rules import Finding, rule

ROLE_FORMS = {
    "aws": (re.compile(r"arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/[\w+=,.@/-]{1,128}", re.ASCII),
            "an IAM managed policy ARN like arn:aws:iam::aws:policy/ReadOnlyAccess"),
    "azure": (re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()-]{1,127}", re.ASCII),
              "an Azure built-in or custom role name like Reader or Storage Blob Data Reader"),
    "gcp": (re.compile(r"(roles/[A-Za-z0-9_.]{3,100}|(projects|organizations)/[a-z0-9-]{1,64}/roles/[A-Za-z0-9_.]"
                       r"{3,64})", re.ASCII), "a GCP role like roles/aiplatform.viewer or projects/<project>/roles/<id>"),
}


@rule
def ci_identities(spec: Spec) -> Iterator[Finding]:
    b = spec.bootstrap
    if b is None:
        return
    pattern, form = ROLE_FORMS[spec.control_plane]
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
        for i, role in enumerate(ci.roles or ()):
            if not pattern.fullmatch(role):
                yield path + ("roles", i), f"the control plane is {spec.control_plane}: a role here is {form}"
        if spec.control_plane == "gcp" and len(ci.subject.encode()) > MAX_GOOGLE_SUBJECT:
            yield path, (f"the token subject '{ci.subject}' is {len(ci.subject.encode())} bytes; Google admits at "
                         f"most {MAX_GOOGLE_SUBJECT} in google.subject (shorten the branch or environment name)")
    for i, provider in enumerate(b.existing_aws_oidc_providers):
        path = ("bootstrap", "existing_aws_oidc_providers", i)
        if spec.control_plane != "aws":
            yield path, f"the control plane is {spec.control_plane}: AWS OIDC providers are not used"
        elif provider in b.existing_aws_oidc_providers[:i]:
            yield path, f"{provider} is listed twice"
        elif not any(ci.provider == provider for ci in b.ci.values()):
            yield path, f"no CI identity under bootstrap.ci uses {provider}: nothing trusts this provider"
