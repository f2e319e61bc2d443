"""Spec objects for the bootstrap stack: the Terraform state backend in the control-plane cloud and the keyless CI
identities (GitHub Actions, GitLab CI) that run Terraform for the estate, each admitted for one repository and one
branch or environment. Checks that need the rest of the spec (the control plane's role names) are in
`bootstrap_rules.py`; the token subjects and issuers CI presents are derived here, once, for every later stage."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mcai.spec.base import LAX, StrictModel
from mcai.spec.types import pattern

# A repository path: GitHub ORG/REPO; GitLab GROUP[/SUBGROUP...]/PROJECT. Only characters both hosts allow in a
# path, so the value is safe inside an IAM condition, a CEL string literal and an Entra subject.
Repository = Annotated[str, pattern(r"[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+){1,20}", "ci_repository",
                                    "must be a repository path like acme/ai-platform (GitLab: group/subgroup/"
                                    "project)", max_len=255)]
BranchName = Annotated[str, pattern(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*", "ci_branch",
                                    "must be a branch name like main or release/2027 (letters, digits, '_.-', "
                                    "'/' between parts)", max_len=200)]
CiEnvironmentName = Annotated[str, pattern(r"[A-Za-z0-9_.-]+", "ci_environment",
                                           "must be a GitHub environment name like production (letters, digits, "
                                           "'_.-')", max_len=200)]
# Cloud role names the identity gets in the control-plane account; which form is valid depends on the control plane
# (AWS managed policy ARN, Azure role name, GCP role), checked in bootstrap_rules.py.
RoleName = Annotated[str, Field(min_length=3, max_length=300)]

GITHUB_ISSUER = "https://token.actions.githubusercontent.com"
GITLAB_ISSUER = "https://gitlab.com"


class CiIdentity(StrictModel):
    """A CI pipeline that runs Terraform for this estate with short-lived OIDC tokens only (no stored secret): the
    control-plane cloud admits exactly one repository and one branch or environment."""

    provider: Literal["github", "gitlab"]
    """Who signs the pipeline's token: GitHub Actions (token.actions.githubusercontent.com) or GitLab.com."""
    repository: Repository
    """GitHub: ORG/REPO. GitLab: the project path GROUP/PROJECT (subgroups allowed)."""
    branch: BranchName | None = None
    """The branch whose pipelines are admitted (GitHub sub `repo:ORG/REPO:ref:refs/heads/BRANCH`, GitLab sub
    `project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH`). Exactly one of branch and environment."""
    environment: CiEnvironmentName | None = None
    """GitHub only: the deployment environment whose jobs are admitted (sub `repo:ORG/REPO:environment:NAME`); put
    its protection rules (reviewers, branches) on the environment in GitHub."""
    access: Literal["plan", "apply"] = "plan"
    """plan: reads every stack's state and takes the state lock, read-only in the cloud. apply: also writes state;
    its rights on the estate's resources are `roles`."""
    roles: Annotated[tuple[RoleName, ...], LAX] | None = Field(default=None, max_length=20)
    """Roles the identity gets in the control-plane cloud's accounts besides state access: AWS managed policy ARNs,
    Azure built-in role names (subscription scope) or GCP roles (project). Default for plan: the cloud's read-only role
    (ReadOnlyAccess, Reader; none on GCP, whose only such role is the primitive roles/viewer: list predefined viewer
    roles); for apply: none (state only) until you list them. Blanket administrator roles (AdministratorAccess,
    Owner, roles/owner, roles/editor, roles/viewer) are refused with the narrower role to use instead; at most 20 (10
    managed policies on AWS, IAM's default quota per role)."""
    roles_on: dict[Literal["aws", "azure", "gcp"], Annotated[tuple[RoleName, ...], LAX]] = Field(
        default_factory=dict, max_length=3)
    """Roles the identity gets on each other cloud of the estate, in that cloud's form, e.g. `{azure: [Reader], gcp:
    [roles/aiplatform.viewer]}`: the same pipeline plans or applies those clouds' stacks with its own token, trusted
    there by the `bootstrap-<cloud>` stacks. A cloud left out gets the defaults `roles` has."""

    @property
    def issuer(self) -> str:
        return GITHUB_ISSUER if self.provider == "github" else GITLAB_ISSUER

    @property
    def subject(self) -> str:
        """The exact `sub` claim of the admitted pipelines' tokens."""
        if self.provider == "gitlab":
            return f"project_path:{self.repository}:ref_type:branch:ref:{self.branch}"
        if self.environment is not None:
            return f"repo:{self.repository}:environment:{self.environment}"
        return f"repo:{self.repository}:ref:refs/heads/{self.branch}"

    @property
    def default_roles(self) -> bool:
        return self.roles is None


class Bootstrap(StrictModel):
    """An optional first stack in the control-plane cloud: the state backend every stack uses (created with local
    state, then migrated into itself) and the keyless CI identities."""

    ci: dict[Annotated[str, pattern(r"[a-z]([a-z0-9-]*[a-z0-9])?", "slug", "must be lowercase letters, digits and "
                                    "hyphens, starting with a letter", max_len=20)], CiIdentity] = Field(
        default_factory=dict, max_length=10)
    """CI identities by name (e.g. `plan-prs`, `apply-prod`), each admitted for one repository and branch or
    environment."""
    handovers: Literal["manual", "remote_state"] = "manual"
    """How a stack gets another stack's outputs (VPN addresses, tunnels, issuer URLs): `manual` (a root input you
    copy, as the numbered steps say; for teams whose state is split) or `remote_state` (read with
    `terraform_remote_state` from this backend)."""
    existing_aws_oidc_providers: Annotated[tuple[Literal["github", "gitlab"], ...], LAX] = Field(
        default=(), max_length=2)
    """Issuers whose IAM OIDC provider the estate's AWS accounts already have (IAM allows one per issuer URL and
    account, e.g. another spec's bootstrap created it): the CI roles trust that provider instead of creating a second
    one, in every AWS account of this spec. It must admit audience sts.amazonaws.com."""
