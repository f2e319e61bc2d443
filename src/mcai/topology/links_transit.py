"""The linked clouds' private names in the estate's other AWS accounts, when the links end on the Transit Gateway
(`transit_links.py`): each other account's VPC resolves them as the home VPC does, with numbered link steps after
the home stack's own DNS hand-over.

- Google APIs: the account's own private zone, with the same answers as the home VPC's (a private zone belongs to
  the VPCs it is associated with; associating the home zone across accounts would need an authorization handed
  back and forth, for a zone with two static records).
- Azure private zones: the home VPC's forwarding rules, shared through AWS RAM (aws-dns-forwarding shares them),
  associated with this VPC; queries leave through the home VPC's outbound endpoint, which the hub routes over the
  link. The rule ids are a hand-over from the home stack.
"""

from __future__ import annotations

from typing import Any

from mcai.spec.accounts import accounts_of, home_of
from mcai.topology.accounts import stack_name
from mcai.topology.handovers import step_text
from mcai.topology.links_context import AZURE_DNS_SWITCH, GOOGLE_DNS_SWITCH, LinkContext, dns_link
from mcai.topology.model import ModuleCall, Resource
from mcai.topology.transit_links import RULES_HAND_OVER, account_network, on_transit_gateway

# How the other accounts' DNS steps begin: the use paths cite them by this text.
STEP_HEADING = "DNS hand-over in account '{account}' ({names})"
GOOGLE_NAMES, AZURE_NAMES = "Google APIs", "Azure private zones"


def other_accounts(ctx: LinkContext, forward: dict[str, Any], zones: dict[str, str]) -> None:
    """The other accounts' DNS for the links ({forward} and {zones} as the home VPC's aws-dns-forwarding has them)."""
    spec = ctx.vspec.spec
    if not on_transit_gateway(spec) or not (forward or zones):
        return
    declared = spec.clouds.aws
    home = stack_name("aws", home_of(declared))
    for name, settings in accounts_of(declared).items():
        if name == home_of(declared):
            continue
        stack = stack_name("aws", name)
        add = ctx.stacks.setdefault(stack, type(ctx.stacks["aws"])())
        vpc, subnets = account_network(add, settings.network)
        inputs: dict[str, Any] = {"name": f"{ctx.prefix}-{name}", "vpc_id": vpc, "subnet_ids": subnets}
        resources = [Resource("aws_security_group", "this")]
        if zones:
            names = ", ".join(sorted(zones))
            inputs["private_zones"] = dict(zones)
            inputs["private_zones_enabled"] = add.var(
                GOOGLE_DNS_SWITCH, "bool", f"Answer {names} in this VPC with the Private Service Connect address "
                "across the link. Leave false until the link carries traffic (see the numbered link steps): "
                "switching it on earlier breaks those names for every caller in the VPC.", False, required=False)
            ctx.step(stack, dns_link(spec, "gcp"), 95,
                     f"{STEP_HEADING.format(account=name, names=GOOGLE_NAMES)}: after {home}'s, set {GOOGLE_DNS_SWITCH} = true in {stack} "
                     f"as well and re-apply it; from then on {names} resolve in its VPC to the Private Service "
                     "Connect endpoint, over the Transit Gateway and the link.")
            for zone in sorted(zones):
                resources += [Resource("aws_route53_zone", f'this["{zone}"]'),
                              Resource("aws_route53_record", f'apex["{zone}"]'),
                              Resource("aws_route53_record", f'wildcard["{zone}"]')]
        if forward:
            names = ", ".join(sorted(forward))
            inputs["shared_rule_ids"] = add.var(
                RULES_HAND_OVER, "map(string)", f"The {home} stack's output `{RULES_HAND_OVER}`: its forwarding rules "
                "for the Azure private zones, shared with this account through AWS RAM; empty until its DNS "
                "forwarding is on.", {}, required=False, handover=(home, RULES_HAND_OVER))
            ctx.step(stack, dns_link(spec, "azure"), 95,
                     f"{STEP_HEADING.format(account=name, names=AZURE_NAMES)}: after {home}'s ({AZURE_DNS_SWITCH} = true there), "
                     f"{step_text(spec, home, RULES_HAND_OVER, stack, RULES_HAND_OVER)} and re-apply {stack}; from "
                     f"then on {names} resolve in its VPC through the home VPC's outbound endpoint.")
            resources += [Resource("aws_route53_resolver_rule_association", f'shared["{zone}"]')
                          for zone in sorted(forward)]
        add.modules.append(ModuleCall(
            label="link_dns", module="aws-dns-forwarding",
            purpose=f"Private names of the linked clouds resolve from the VPC of account '{name}' as from the home "
                    "VPC (over the Transit Gateway and the link)",
            inputs=inputs, resources=tuple(resources), spec_path=("links",)))
