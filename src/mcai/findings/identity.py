"""Workload identity findings: limits that depend on values chosen at run time, so they warn rather than reject.

An AWS provider maps `google.subject` from `assertion.arn` (`arn:aws:sts::<account>:assumed-role/<role>/<session>`).
Google refuses a token exchange whose subject exceeds 127 characters, and the session name is picked at run time
(EKS Pod Identity and the SDKs choose it, up to 64 characters), so mcai computes the worst case and warns.
"""

from __future__ import annotations

from collections.abc import Iterator

from mcai.findings import finding, finding_rule
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.spec.identity import MAX_AWS_SESSION_NAME, MAX_GOOGLE_SUBJECT, aws_role_name, worst_case_aws_subject_length
from mcai.topology.model import Topology


@finding_rule
def google_subject_fits(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    spec = vspec.spec
    if spec.clouds.aws is None:
        return
    for workload, ident in sorted(spec.identity.items()):
        if ident.gcp is None or ident.gcp.via != "aws":
            continue
        role = aws_role_name(spec.name, spec.environment, workload)
        worst = worst_case_aws_subject_length(spec.clouds.aws.account_id, role)
        if worst <= MAX_GOOGLE_SUBJECT:
            continue
        room = MAX_GOOGLE_SUBJECT - (worst - MAX_AWS_SESSION_NAME)
        yield finding(
            vspec, "identity-google-subject-length", "warning",
            f"google.subject for workload '{workload}' is its assumed-role ARN with the session name: worst case "
            f"{worst} characters (role '{role}', {MAX_AWS_SESSION_NAME}-character session), Google allows "
            f"{MAX_GOOGLE_SUBJECT}. Keep session names to {max(room, 0)} characters (set the role session name in "
            "the SDK), shorten the role name, or use 'via: eks_oidc'.",
            ("identity", workload, "gcp"))
