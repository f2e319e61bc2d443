"""What no single spec can see: conflicts between the specs of one estate, each located in the files involved.

- an account or region singleton owned twice (Bedrock invocation logging per account and region, the outbound
  identity federation switch per account, a virtual private gateway per VPC, an IAM OIDC provider per account and
  issuer);
- network ranges that overlap (one address plan for the estate: links and peering cannot route overlaps);
- the same resource name twice in one scope (a bucket name, globally; a role name, per account; an Azure OpenAI
  deployment name, per account);
- control planes that disagree (an estate keeps state and CI identity in one cloud).
"""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mcai.diagnostics import Diagnostic, Location, Path
from mcai.spec import ValidSpec
from mcai.spec.accounts import accounts_of, each_account
from mcai.topology import Stack, Topology


@dataclass(frozen=True)
class Member:
    """One spec of the estate, validated and derived."""

    vspec: ValidSpec
    topology: Topology

    @property
    def name(self) -> str:
        return self.vspec.filename

    def at(self, path: Path) -> Location:
        """Where `path` was written (an imported file, if it came from one)."""
        loc = self.vspec.source.value(path) or Location(1, 1)
        return Location(loc.line, loc.column, loc.file or self.vspec.filename)


Claim = tuple[Member, Path]  # who claims something, and where in their spec
Rule = Callable[[list[Member]], list[Diagnostic]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def check(members: list[Member]) -> list[Diagnostic]:
    """Every estate-level problem (none for a single spec)."""
    return [d for fn in RULES for d in fn(members)] if len(members) > 1 else []


def _clash(claims: list[Claim], message: Callable[[Claim, list[Claim]], str]) -> list[Diagnostic]:
    """One diagnostic per claim of something that more than one spec claims, naming the others."""
    owners = {id(m) for m, _ in claims}
    if len(owners) < 2:
        return []
    out = []
    for claim in claims:
        others = [c for c in claims if c[0] is not claim[0]]
        out.append(Diagnostic(claim[1], message(claim, others), claim[0].at(claim[1])))
    return out


def _where(claims: Iterable[Claim]) -> str:
    return ", ".join(sorted({c[0].at(c[1]).format(c[0].name) for c in claims}))


def _aws(v: ValidSpec, stack: Stack) -> Any:
    """The settings of the AWS account a stack belongs to (its named account's, or the one account's)."""
    named = accounts_of(v.spec.clouds.aws)
    return next((s for n, s in named.items() if stack.name == f"aws-{n}"), v.spec.clouds.aws)


# Resource types of which a scope holds one: (what it is, the scope's description, the key of the scope). Scopes are
# keyed by the account the stack is in (a spec with several named accounts claims one per account).
SINGLETONS: dict[str, tuple[str, str, Callable[[ValidSpec, Stack, Any], tuple[str, ...] | None], str]] = {
    "aws_bedrock_model_invocation_logging_configuration": (
        "Bedrock model invocation logging", "per account and region",
        lambda v, s, c: (_aws(v, s).account_id, _aws(v, s).region) if s.cloud == "aws" else None,
        "for invocation logging, `owned_by` in the others"),
    "aws_iam_outbound_web_identity_federation": (
        "AWS outbound identity federation", "per account",
        lambda v, s, c: (_aws(v, s).account_id,) if s.cloud == "aws" else None, "remove it from the others"),
    "aws_vpn_gateway": (
        "a virtual private gateway", "per VPC",  # a VPC attaches one; an unknown VPC (an input) cannot be compared
        lambda v, s, c: (_aws(v, s).account_id, _aws(v, s).network.vpc_id)
        if s.cloud == "aws" and _aws(v, s).network.vpc_id else None, "one link per VPC"),
    # IAM allows one OIDC provider per issuer URL in an account: two specs' CI bootstraps (or two clusters' trusts)
    # in one account would both create it, and the second apply fails
    "aws_iam_openid_connect_provider": (
        "an IAM OIDC provider", "per account and issuer",
        lambda v, s, c: (s.account, str(c.inputs.get("issuer_url"))) if s.cloud == "aws" else None,
        "a CI issuer: `bootstrap.existing_aws_oidc_providers` in the others; a cluster's issuer or Microsoft "
        "Sentinel's (audit landing): only one spec per account can create it"),
}


@rule
def singletons(members: list[Member]) -> list[Diagnostic]:
    claims: dict[tuple[str, tuple[str, ...]], list[Claim]] = defaultdict(list)
    for m in members:
        for stack in m.topology.stacks:
            for call in stack.modules:
                for resource in call.resources:
                    if resource.type in SINGLETONS and (scope := SINGLETONS[resource.type][2](m.vspec, stack, call)) \
                            is not None:
                        claim = (m, call.spec_path)
                        if claim not in claims[resource.type, scope]:
                            claims[resource.type, scope].append(claim)
    out: list[Diagnostic] = []
    for (kind, scope), found in sorted(claims.items()):
        what, per, _, hint = SINGLETONS[kind]
        out += _clash(found, lambda c, others, what=what, per=per, scope=scope, hint=hint: (
            f"{what} exists once {per} ({' '.join(scope)}); {_where(others)} creates it too: keep one owner "
            f"({hint})"))
    return out


def _networks(m: Member) -> list[tuple[Path, str, str | None]]:
    """(spec path, CIDR, identity of an existing network or None) of each network the spec declares."""
    clouds = m.vspec.spec.clouds
    out: list[tuple[Path, str, str | None]] = []
    for cloud in ("aws", "azure", "gcp"):
        for base, settings in each_account(getattr(clouds, cloud), cloud):
            cidr = getattr(getattr(settings, "network", None), "cidr", None)
            vpc = getattr(settings.network, "vpc_id", None) if cloud == "aws" and cidr else None
            if cidr:
                out.append((base + ("network", "cidr"), cidr, f"aws {settings.account_id} {vpc}" if vpc else None))
    return out


@rule
def overlapping_networks(members: list[Member]) -> list[Diagnostic]:
    found = [(m, path, ipaddress.IPv4Network(cidr), same) for m in members for path, cidr, same in _networks(m)]
    out: list[Diagnostic] = []
    for i, (m, path, net, same) in enumerate(found):
        for other, other_path, other_net, other_same in found[:i] + found[i + 1:]:
            if other is m or (same is not None and same == other_same) or not net.overlaps(other_net):
                continue
            out.append(Diagnostic(path, f"{net} overlaps {other_net} at {other.at(other_path).format(other.name)}: "
                                  "an estate has one address plan (links and peering cannot route overlapping "
                                  "ranges); give each network its own range", m.at(path)))
    return out


@rule
def control_planes(members: list[Member]) -> list[Diagnostic]:
    chosen: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        chosen[m.vspec.spec.control_plane].append(m)
    if len(chosen) < 2:
        return []
    summary = "; ".join(f"{cloud} in {', '.join(m.name for m in ms)}" for cloud, ms in sorted(chosen.items()))
    return [Diagnostic(("control_plane",), f"control planes disagree ({summary}): an estate keeps its Terraform "
                       "state and CI identity in one cloud", m.at(("control_plane",))) for m in members]
