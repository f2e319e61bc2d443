"""Uses across two AWS accounts of one estate: a workload in one account calling a Bedrock model, a knowledge base
or an S3 store placed in another (spec/accounts_rules.py refuses what cannot be reached that way).

Each (caller workload, target account) pair is one `Crossing`. The target account's stack gets a role that trusts
exactly the caller's role ARN (principal and `aws:PrincipalArn`, never the account root), holding the same
statements the caller's own role would hold for those uses in one account (aws_access builds both). The caller's
role gets `sts:AssumeRole` on exactly that role's ARN. Both ARNs are computed from the account ids and the role
names, so no value crosses between the stacks by hand.

IAM refuses a trust policy whose principal does not exist yet. When the target's stack is applied before the
caller's (e.g. the home account, applied first), its role waits behind a root input switched on in a numbered step
once the caller's stack is applied.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcai.spec.accounts import account_stacks, accounts_of
from mcai.spec.accounts_rules import _uses, account_of, element_of
from mcai.spec.identity import aws_role_name
from mcai.spec.models import Spec

SWITCH = "cross_account_callers_exist"
"""Root input of a target stack applied before its callers' stacks: its cross-account roles are created once true."""
RECREATED_NOTE = "Cross-account trust by role ARN"
"""Start of the numbered note on what recreating a caller's role does to the trust (see `steps`)."""


@dataclass(frozen=True)
class Crossing:
    """A workload in `caller_account` using what is placed in `target_account` (both AWS accounts of the spec)."""

    workload: str
    caller_account: str
    caller_account_id: str
    target_account: str
    target_account_id: str
    uses: tuple[str, ...]
    """Keys of the models and stores used there, in the order the spec declares the uses."""
    caller_role: str
    target_role: str
    session_tags: bool
    """The caller runs on EKS Pod Identity, whose session tags are transitive: its chained sts:AssumeRole carries
    them, so both its policy and the target's trust admit sts:TagSession (STS refuses the call otherwise)."""

    @property
    def caller_role_arn(self) -> str:
        return f"arn:aws:iam::{self.caller_account_id}:role/{self.caller_role}"

    @property
    def target_role_arn(self) -> str:
        return f"arn:aws:iam::{self.target_account_id}:role/{self.target_role}"

    @property
    def label(self) -> str:
        """Module label of the role in the target stack (`caller_<workload>`: one workload is in one account)."""
        return "caller_" + self.workload.replace("-", "_")


def target_role_name(spec: Spec, workload: str, caller_account: str) -> str:
    """The role a workload assumes in another account: its own role's name and the account it comes from."""
    return f"{aws_role_name(spec.name, spec.environment, workload)}-from-{caller_account}"


def crossings(spec: Spec) -> tuple[Crossing, ...]:
    """Every (workload, target account) pair of uses between two AWS accounts, by workload then target account."""
    named = accounts_of(spec.clouds.aws)
    if len(named) < 2:
        return ()
    found: dict[tuple[str, str], list[str]] = {}
    for _, user_key, used_key in _uses(spec):
        user, used = element_of(spec, user_key), element_of(spec, used_key)
        if user_key not in spec.workloads or user is None or used is None or user[0] != "aws" or used[0] != "aws":
            continue
        mine, theirs = account_of(spec, "aws", user[1]), account_of(spec, "aws", used[1])
        if mine in named and theirs in named and mine != theirs:
            keys = found.setdefault((user_key, theirs), [])
            if used_key not in keys:
                keys.append(used_key)
    out = []
    for (workload, target), keys in sorted(found.items()):
        caller = str(account_of(spec, "aws", spec.workloads[workload]))
        out.append(Crossing(workload, caller, named[caller].account_id, target, named[target].account_id,
                            tuple(keys), aws_role_name(spec.name, spec.environment, workload),
                            target_role_name(spec, workload, caller),
                            getattr(spec.workloads[workload].runs_on, "aws_identity", None) == "pod_identity"))
    return tuple(out)


def projects_crossed(spec: Spec, project: str | None) -> list[tuple[str, str, tuple[str, ...]]]:
    """(GKE workload, its project, Vertex models it uses here) for each workload of another GCP project using models
    placed in `project`: its own principal (Workload Identity Federation for GKE) is granted here, by name."""
    named = accounts_of(spec.clouds.gcp)
    found: dict[str, list[str]] = {}
    for _, user_key, used_key in _uses(spec):
        user, used = element_of(spec, user_key), element_of(spec, used_key)
        if user_key not in spec.workloads or user is None or used is None or user[0] != "gcp" or used[0] != "gcp":
            continue
        if used_key not in spec.models or account_of(spec, "gcp", used[1]) != project:
            continue
        home = account_of(spec, "gcp", user[1])
        if home in named and home != project and used_key not in found.setdefault(user_key, []):
            found[user_key].append(used_key)
    return [(w, str(account_of(spec, "gcp", spec.workloads[w])), tuple(keys)) for w, keys in sorted(found.items())]


def into(spec: Spec, account: str | None) -> tuple[Crossing, ...]:
    return tuple(c for c in crossings(spec) if c.target_account == account)


def out_of(spec: Spec, account: str | None, workload: str) -> tuple[Crossing, ...]:
    return tuple(c for c in crossings(spec) if c.caller_account == account and c.workload == workload)


def queries_knowledge_base(spec: Spec, account: str | None) -> bool:
    """A workload of `account` queries a knowledge base in another account: through its own VPC's bedrock-agent-runtime
    endpoint, which serves every account of the region."""
    return any(getattr(spec.data.get(key), "kind", None) == "bedrock_knowledge_base"
               for c in crossings(spec) if c.caller_account == account for key in c.uses)


def applied_first(spec: Spec, crossing: Crossing) -> bool:
    """The target's stack is applied before the caller's (the topology's order: the home account first, then the
    others as written)."""
    order = [account for _, cloud, account in account_stacks(spec.clouds) if cloud == "aws"]
    return order.index(crossing.target_account) < order.index(crossing.caller_account)


def assume_statements(spec: Spec, account: str | None, workload: str) -> list[dict[str, object]]:
    """The caller's side: `sts:AssumeRole` on exactly each role it uses in another account."""
    return [{"sid": "AssumeIn" + "".join(p.capitalize() for p in c.target_account.split("-")),
             "actions": ["sts:AssumeRole"] + (["sts:TagSession"] if c.session_tags else []),
             "resources": [c.target_role_arn]} for c in out_of(spec, account, workload)]


def switch_step(crossings_: tuple[Crossing, ...], target_stack: str) -> str:
    callers = ", ".join(f"'{c.workload}' (aws-{c.caller_account})" for c in crossings_)
    stacks = ", ".join(sorted({f"aws-{c.caller_account}" for c in crossings_}))
    return (f"Cross-account roles in {target_stack}: after applying {stacks}, set {SWITCH} = true and re-apply "
            f"{target_stack}. IAM refuses a trust policy naming a role that does not exist yet, so the roles that "
            f"{callers} assume here are created only then; until then those calls fail with AccessDenied on "
            "sts:AssumeRole.")


def recreated_note(crossings_: tuple[Crossing, ...], target_stack: str) -> str:
    roles = ", ".join(c.caller_role_arn for c in crossings_)
    return (f"{RECREATED_NOTE} ({target_stack}): the trust policies here name {roles}. IAM stores such a principal as "
            "the role's unique id, so if a caller's role is deleted and recreated (e.g. its stack destroyed and "
            f"applied again) the trust no longer admits it, and `terraform plan` of {target_stack} shows the "
            "principal changing back to the ARN: re-apply this stack after recreating a caller's role.")
