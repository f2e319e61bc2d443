"""The AWS shared network of several accounts: a Transit Gateway in the home (network) account, shared through AWS
RAM with the other accounts, and every account's VPC attached with routes to the other accounts' ranges.

The hub's id crosses from the home stack to the others like every other hand-over between stacks: an output of the
home stack (`transit_gateway_id`), a required input of the same name in each other stack, and a numbered step that
says where to read it. Stacks are applied home first, so the hand-over always has its value.
"""

from __future__ import annotations

from typing import Any

from mcai.spec import ValidSpec
from mcai.spec.accounts import accounts_of, home_of
from mcai.topology.accounts import stack_name
from mcai.topology.links_context import Additions
from mcai.topology.model import Expr, ModuleCall, Output, Resource
from mcai.topology.transit_links import TRANSIT_GATEWAY_LABEL, account_network, link_ranges

HAND_OVER = "transit_gateway_id"


def additions(vspec: ValidSpec) -> dict[str, Additions]:
    """Stack name -> what the Transit Gateway adds to it ({} without a `transit_gateway`)."""
    spec = vspec.spec
    declared = spec.clouds.aws
    hub = getattr(declared, "transit_gateway", None)
    if hub is None:
        return {}
    named, home = accounts_of(declared), home_of(declared)
    home_stack = stack_name("aws", home)
    others = [n for n in named if n != home]
    out: dict[str, Additions] = {}
    add = out[home_stack] = Additions()
    add.modules.append(ModuleCall(
        label=TRANSIT_GATEWAY_LABEL, module="aws-transit-gateway",
        purpose="Transit Gateway of the shared network, shared through AWS RAM with " + _accounts(others),
        inputs={"name": f"{spec.prefix}-hub", "amazon_side_asn": hub.amazon_side_asn,
                "share_with_account_ids": [named[n].account_id for n in others]},
        resources=(Resource("aws_ec2_transit_gateway", "this"), Resource("aws_ram_resource_share", "this"),
                   Resource("aws_ram_resource_association", "this"), Resource("aws_ram_principal_association", "this")),
        spec_path=("clouds", "aws", "transit_gateway")))
    add.outputs.append(Output(HAND_OVER, Expr("module.transit_gateway.id"),
                              "Id of the shared Transit Gateway: the input transit_gateway_id of "
                              + ", ".join(f"{stack_name('aws', n)}/" for n in others) + "."))
    add.manual_steps.append(
        f"Transit Gateway sharing: {_accounts(others)} must be in the AWS Organization of account "
        f"{named[home].account_id} with resource sharing enabled for the organization (`aws ram "
        "enable-sharing-with-aws-organization` in the management account, once); the share admits no account "
        "outside it, so otherwise the other stacks' attachments fail with the Transit Gateway not found.")
    _attach(add, vspec, home, Expr("module.transit_gateway.id"))
    for name in others:
        add = out[stack_name("aws", name)] = Additions()
        tgw = add.var(HAND_OVER, "string", f"The {home_stack} stack's output `{HAND_OVER}`: the shared Transit "
                                           "Gateway this account's VPC attaches to.")
        add.manual_steps.append(
            f"Hand-over from {home_stack}: after applying {home_stack}, set this stack's input {HAND_OVER} to its "
            f"output (`terraform output -raw {HAND_OVER}` in {home_stack}/) before planning this stack.")
        _attach(add, vspec, name, tgw)
    return out


def _accounts(names: list[str]) -> str:
    return ("account " if len(names) == 1 else "accounts ") + ", ".join(f"'{n}'" for n in names)


def _attach(add: Additions, vspec: ValidSpec, account: str, tgw: Any) -> None:
    """The account's VPC attachment, routing the other accounts' ranges and the linked clouds' ranges to the hub."""
    spec = vspec.spec
    named = accounts_of(spec.clouds.aws)
    vpc, subnets = account_network(add, named[account].network)
    tables = add.var("private_route_table_ids", "list(string)",
                     "Route tables of the private subnets; the other accounts' ranges (and the linked clouds') are "
                     "routed to the Transit Gateway from them.")
    add.modules.append(ModuleCall(
        label="transit_gateway_attachment", module="aws-transit-gateway-attachment",
        purpose=f"The VPC of account '{account}' attached to the shared Transit Gateway, with routes to the other "
                "accounts' ranges" + (" and the linked clouds' ranges" if link_ranges(spec) else ""),
        inputs={"name": f"{spec.prefix}-{account}", "transit_gateway_id": tgw, "vpc_id": vpc, "subnet_ids": subnets,
                "route_table_ids": tables,
                "destination_cidrs": [s.network.cidr for n, s in named.items() if n != account]
                + link_ranges(spec)},
        resources=(Resource("aws_ec2_transit_gateway_vpc_attachment", "this"), Resource("aws_route", "this")),
        spec_path=("clouds", "aws", "accounts", account, "network")))
