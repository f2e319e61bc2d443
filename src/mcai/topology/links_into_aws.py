"""Private paths from Azure and GCP into AWS over their links: a router on AKS or GKE calling Bedrock through the
bedrock-runtime interface endpoint of the VPC instead of its public endpoint.

Three pieces, each where the link already is: a Route 53 Resolver inbound endpoint in the VPC (`aws-dns-forwarding`,
admitting DNS only from its senders: the Azure resolver's outbound endpoint subnet, 35.199.192.0/19 for Cloud DNS),
the interface endpoint's security group admitting the router's range on 443 (an AKS cluster's declared
`network_cidr`, else its cloud's network), and on the caller's side a forwarding rule (Azure ruleset) or forwarding
zone (Cloud DNS) for `bedrock-runtime.<region>.amazonaws.com` to the inbound endpoint. AWS picks the inbound
endpoint's addresses, so they are a hand-over, and the forwarding is switched on in its hand-over step.
"""

from __future__ import annotations

from ipaddress import IPv4Network
from typing import Any

from mcai.spec.accounts_rules import outside_home
from mcai.topology.addressing import AZURE_SUBNETS, carve
from mcai.topology.handovers import step_text
from mcai.topology.links_context import CLOUD_DNS_FORWARDING_SOURCE, LinkContext, dns_switch
from mcai.topology.model import Expr, ModuleCall, Output, Resource

AWS_DNS_SWITCH = "aws_dns_forwarding_enabled"
INBOUND_OUTPUT = "dns_inbound_addresses"
INBOUND_INPUT = "aws_dns_inbound_addresses"


def bedrock_name(spec: Any) -> str:
    return f"bedrock-runtime.{spec.clouds.aws.region}.amazonaws.com"


def caller_range(spec: Any, cloud: str) -> str | None:
    """Where the router's calls from `cloud` come from: an AKS cluster's declared `network_cidr` (its VNet is not the
    stack's: None when undeclared), else the cloud's network."""
    runtime = spec.workloads[spec.routing.router].runs_on
    return runtime.network_cidr if runtime.kind == "aks" else getattr(spec.clouds, cloud).network.cidr


def callers(spec: Any) -> dict[str, int]:
    """Cloud (azure or gcp) -> its link to AWS, for a router there that calls Bedrock models privately: a link joins
    the two clouds, the VPC has the bedrock-runtime interface endpoint (`clouds.aws.bedrock.private`) and the
    router's range is known (the endpoint's security group admits exactly it)."""
    link = _link(spec)
    if link is None:
        return {}
    home = spec.workloads[spec.routing.router].runs_on.cloud
    return {} if getattr(spec.clouds, home).network.cidr is None or caller_range(spec, home) is None else {home: link}


def _link(spec: Any) -> int | None:
    """The link between AWS and a router elsewhere that calls Bedrock with the interface endpoint in place."""
    aws = spec.clouds.aws
    routing = spec.routing
    if aws is None or not aws.bedrock.private or routing is None or routing.router not in spec.workloads:
        return None
    router = spec.workloads[routing.router]
    home = router.runs_on.cloud
    # links end in the home accounts: a router or models elsewhere do not ride them (paths/reach.py)
    if home == "aws" or outside_home(spec, home, router) or not any(
            getattr(spec.models.get(m), "provider", None) == "bedrock" and not outside_home(spec, "aws", spec.models[m])
            for m in routing.chain):
        return None
    return next((i for i, link in enumerate(spec.links) if set(link.between) == {"aws", home}), None)


def unknown_range(spec: Any, home: str) -> str | None:
    """Why a router on AKS has no private path into AWS although its link and the endpoint exist, or None."""
    runtime = spec.workloads[spec.routing.router].runs_on if spec.routing is not None else None
    if runtime is None or runtime.kind != "aks" or runtime.network_cidr is not None or _link(spec) is None:
        return None
    return (f"AKS cluster {runtime.cluster}'s address range is unknown, so the VPC's bedrock-runtime interface "
            "endpoint cannot admit its calls")


def caller_cidrs(spec: Any) -> list[str]:
    """Source ranges of the callers' requests (the bedrock-runtime endpoint admits them on 443)."""
    return sorted(str(caller_range(spec, c)) for c in callers(spec))


def inbound_cidrs(spec: Any) -> list[str]:
    """Senders of the forwarded DNS queries, no one else: the Azure DNS Private Resolver's outbound endpoint subnet
    (its forwarding ruleset queries from there) and Cloud DNS's forwarding range."""
    out = []
    if "azure" in callers(spec):
        carved = carve(spec.clouds.azure.network.cidr, AZURE_SUBNETS)
        out += [str(carved["dns_resolver_outbound"])] if carved else []
    return sorted(out + ([CLOUD_DNS_FORWARDING_SOURCE] if "gcp" in callers(spec) else []))


def aws_inbound(ctx: LinkContext) -> tuple[dict[str, Any], tuple[Resource, ...]]:
    """The aws-dns-forwarding inputs and resources for the inbound endpoint ({}, () without callers)."""
    cidrs = inbound_cidrs(ctx.vspec.spec)
    if not cidrs:
        return {}, ()
    ctx.stacks["aws"].outputs.append(Output(
        INBOUND_OUTPUT, Expr("module.link_dns.inbound_addresses"),
        f"Route 53 Resolver inbound endpoint: the {' and '.join(sorted(callers(ctx.vspec.spec)))} stack's input "
        f"`{INBOUND_INPUT}`."))
    return {"inbound_cidrs": cidrs}, (Resource("aws_security_group", "inbound[0]"),
                                      Resource("aws_route53_resolver_endpoint", "inbound[0]"))


def _inbound_input(ctx: LinkContext, stack: str) -> Expr:
    return ctx.stacks[stack].var(
        INBOUND_INPUT, "list(string)", f"Route 53 Resolver inbound endpoint of the VPC (the aws stack's output "
                                       f"`{INBOUND_OUTPUT}`); empty until that stack is applied.", [],
        required=False, handover=("aws", INBOUND_OUTPUT))


def _aks_vnet(spec: Any) -> str:
    """What an AKS cluster in a VNet of its own needs besides (the endpoint already admits its declared range)."""
    runtime = spec.workloads[spec.routing.router].runs_on
    if runtime.kind != "aks" or IPv4Network(runtime.network_cidr).subnet_of(IPv4Network(spec.clouds.azure.network.cidr)):
        return ""
    return (f"AKS cluster {runtime.cluster}'s own VNet ({runtime.network_cidr}) also needs linking to the forwarding "
            "ruleset (azure output `dns_forwarding_ruleset_id`) and peering with gateway transit (use remote "
            "gateways); ")


def _switch(ctx: LinkContext, stack: str) -> Expr:
    spec = ctx.vspec.spec
    aks = _aks_vnet(spec) if stack == "azure" else ""
    return dns_switch(ctx, stack, callers(spec)[stack], "aws", AWS_DNS_SWITCH, bedrock_name(spec),
                      "the bedrock-runtime interface endpoint through the VPC's Route 53 Resolver inbound endpoint",
                      also=f"{step_text(spec, 'aws', INBOUND_OUTPUT, stack, INBOUND_INPUT)}, {aks}")


def azure_forward(ctx: LinkContext) -> dict[str, Any]:
    """The Bedrock name for the VNet's forwarding ruleset (its targets only once switched on), or {}."""
    if "azure" not in callers(ctx.vspec.spec):
        return {}
    targets = _inbound_input(ctx, "azure")
    return {bedrock_name(ctx.vspec.spec): Expr(f"{_switch(ctx, 'azure').text} ? {targets.text} : []")}


def gcp_side(ctx: LinkContext, name: str, network: Any) -> None:
    """A Cloud DNS forwarding zone for the Bedrock name to the VPC's inbound endpoint."""
    spec = ctx.vspec.spec
    if "gcp" not in callers(spec):
        return
    gcp = spec.clouds.gcp
    ctx.stacks["gcp"].modules.append(ModuleCall(
        label="link_aws_dns", module="gcp-dns-forwarding",
        purpose="DNS into AWS over the link: the Bedrock runtime name forwarded to the VPC's Route 53 Resolver "
                "inbound endpoint (its interface endpoint answers)",
        inputs={"project_id": Expr("module.project_services.project_id"), "name": name, "network": network,
                "region": gcp.region,
                "forward": {"bedrock": {"domain": bedrock_name(spec), "targets": _inbound_input(ctx, "gcp")}},
                "forward_enabled": _switch(ctx, "gcp")},
        resources=(Resource("google_dns_managed_zone", 'forward["bedrock"]'),), spec_path=("links", callers(spec)["gcp"])))
