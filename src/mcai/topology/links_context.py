"""What every link builder shares (the per-stack additions, the link context, DNS switches, resolver and tunnel
addresses, link name rules): a leaf below `links.py` and its peers, so their imports run one way."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from mcai.spec import ValidSpec
from mcai.spec.links import Link
from mcai.topology.addressing import AddressPlan
from mcai.topology.model import Expr, Landing, ModuleCall, Moved, Output, Resource, Stack, Variable
from mcai.topology.names import Namer, NameRule

AZURE_PRIVATE_ZONES = ("openai.azure.com", "privatelink.cognitiveservices.azure.com", "privatelink.openai.azure.com")
# Where Cloud DNS sends forwarded queries from (private routing): the peer must route it back over the link.
CLOUD_DNS_FORWARDING_SOURCE = "35.199.192.0/19"
AZURE_LINK_NAME = NameRule("Azure network resource name", 2, 64, r"[a-zA-Z0-9][a-zA-Z0-9_.-]*[a-zA-Z0-9_]",
                           "letters, digits and _ . -, starting with a letter or digit")
GCP_LINK_NAME = NameRule("GCP network resource name prefix", 1, 42, r"[a-z]([-a-z0-9]*[a-z0-9])?",
                         "lowercase letters, digits and hyphens, starting with a letter (RFC 1035)")


@dataclass
class Additions:
    """What the links add to one stack."""

    modules: list[ModuleCall] = field(default_factory=list)
    variables: dict[str, Variable] = field(default_factory=dict)
    outputs: list[Output] = field(default_factory=list)
    manual_steps: list[str] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    landings: list[Landing] = field(default_factory=list)
    """Audit landings into a log store this stack holds (see `Landing`)."""

    def var(self, name: str, type_: str, description: str, default: Any = None, required: bool = True,
            sensitive: bool = False, handover: tuple[str, str] | None = None) -> Expr:
        self.variables.setdefault(name, Variable(name, type_, description, default, required, sensitive, handover))
        return Expr(f"var.{name}")

    def merge_into(self, stack: Stack) -> Stack:
        if not (self.modules or self.variables or self.outputs or self.manual_steps or self.moved or self.landings):
            return stack
        variables = {v.name: v for v in stack.variables}
        for v in self.variables.values():
            variables.setdefault(v.name, v)
        return replace(stack, modules=stack.modules + tuple(self.modules),
                       variables=tuple(sorted(variables.values(), key=lambda v: v.name)),
                       outputs=tuple(sorted(stack.outputs + tuple(self.outputs), key=lambda o: o.name)),
                       manual_steps=stack.manual_steps + tuple(self.manual_steps),
                       moved=tuple(sorted(stack.moved + tuple(self.moved), key=lambda m: (m.module, m.type, m.key))),
                       landings=stack.landings + tuple(self.landings))


@dataclass
class LinkContext:
    vspec: ValidSpec
    namer: Namer
    plan: AddressPlan
    stacks: dict[str, Additions] = field(default_factory=lambda: {c: Additions() for c in ("aws", "azure", "gcp")})

    @property
    def prefix(self) -> str:
        return self.vspec.spec.prefix

    steps: list[tuple[int, int, str, str]] = field(default_factory=list)
    gateway: dict[str, Any] = field(default_factory=lambda: {"vpn_gateway_id": Expr("module.link_gateway.id")})
    """The aws-vpn input naming where the AWS end of a VPN terminates: the VPC's virtual private gateway, or the
    estate's Transit Gateway."""

    def name(self, cloud: str) -> str:
        """The stack a link's end of `cloud` is in, as steps name it: `aws`, or the home account's `aws-network`."""
        from mcai.spec.accounts import home_of

        home = home_of(getattr(self.vspec.spec.clouds, cloud, None))
        return cloud if home is None else f"{cloud}-{home}"

    def step(self, cloud: str, i: int, order: int, text: str) -> None:
        """A manual step; `order` places it in apply order within its link (steps span stacks)."""
        self.steps.append((i, order, cloud, text))

    def number_steps(self) -> None:
        for i in sorted({s[0] for s in self.steps}):
            mine = sorted(s for s in self.steps if s[0] == i)
            between = "-".join(self.vspec.spec.links[i].between)
            for n, (_, _, cloud, text) in enumerate(mine, 1):
                self.stacks[cloud].manual_steps.append(f"links[{i}] {between}, step {n} of {len(mine)}: {text}")


def peer_of(link: Link) -> str:
    return next(c for c in link.between if c != "aws")


def has_vpn(link: Link) -> bool:
    return link.via == "ha_vpn" or link.fallback.via == "ha_vpn"


def joins_aws(link: Link) -> bool:
    return "aws" in link.between


def vpn_tunnels(p: AddressPlan, i: int) -> dict[str, list[str]]:
    return {c: [p.range(f"links.{i}.vpn.{c}.{t}") for t in ("1", "2")] for c in ("0", "1")}


# Keys of what the VPN modules create per tunnel: one per interface of the peer gateway ("0", "1"), and per tunnel of
# the two AWS VPN connections ("<interface>-<tunnel>"). The report's resource counts (and the cost estimate's VPN
# quantities, tests/test_cost_vpn.py) follow them.
INTERFACE_KEYS = ("0", "1")
AWS_TUNNEL_KEYS = tuple(f"{c}-{t}" for c in INTERFACE_KEYS for t in ("1", "2"))


def per_tunnel(types: tuple[str, ...], name: str, keys: tuple[str, ...]) -> tuple[Resource, ...]:
    """Each resource type once per key, e.g. `google_compute_vpn_tunnel.this["0-1"]` .. `this["1-2"]`."""
    return tuple(Resource(t, f'{name}["{k}"]') for t in types for k in keys)


# Root inputs that switch private DNS on: off until the link to the other cloud carries traffic.
AZURE_DNS_SWITCH = "azure_dns_forwarding_enabled"
GOOGLE_DNS_SWITCH = "google_apis_private_dns_enabled"


def dns_link(spec: Any, peer: str) -> int:
    """Index of the (first) link that joins AWS and `peer`: private names of `peer` resolve over it."""
    return next(i for i, link in enumerate(spec.links) if set(link.between) == {"aws", peer})


def dns_switch(ctx: LinkContext, stack: str, i: int, peer: str, name: str, names: str, target: str,
               also: str = "") -> Expr:
    """A root input of `stack`, false until the hand-over step that makes the target reachable over links[i]:
    forwarding names every caller in the network uses to an address across a link that does not carry traffic yet
    would break all of those calls. `also`: what else the step sets (a hand-over copied in the same step)."""
    where = "VPC" if stack != "azure" else "VNet"
    var = ctx.stacks[stack].var(
        name, "bool", f"Resolve {names} in the {where} to {target} across links[{i}]. Leave false until the link "
                      f"carries traffic (see the numbered link steps): switching it on earlier breaks those names for "
                      f"every caller in the {where}.", False, required=False)
    ctx.step(stack, i, 90, f"DNS hand-over: once the link carries traffic (BGP sessions up, the {ctx.name(peer)} "
                           f"stack applied), {also}set {name} = true and re-apply the {ctx.name(stack)} stack; from "
                           f"then on {names} "
                           f"resolve in the {where} to {target}. Until then those names keep resolving publicly.")
    return var


def azure_resolver_address(p: AddressPlan) -> str:
    """The inbound endpoint's static address: the first one Azure lets a subnet use (it reserves .0-.3)."""
    from ipaddress import IPv4Network

    return str(IPv4Network(p.subnets["azure"]["dns_resolver_inbound"])[4])
