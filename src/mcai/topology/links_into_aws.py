"""Private paths from Azure and GCP into AWS over their links: a router on AKS or GKE calling Bedrock through the
bedrock-runtime interface endpoint of the VPC instead of its public endpoint.

Three pieces, each where the link already is: a Route 53 Resolver inbound endpoint in the VPC (`aws-dns-forwarding`,
admitting DNS only from the callers' ranges, plus 35.199.192.0/19 for Cloud DNS), the interface endpoint's security
group admitting the callers' range on 443, and on the caller's side a forwarding rule (Azure ruleset) or forwarding
zone (Cloud DNS) for `bedrock-runtime.<region>.amazonaws.com` to the inbound endpoint. AWS picks the inbound
endpoint's addresses, so they are a hand-over, and the forwarding is switched on in its hand-over step.
"""

from __future__ import annotations

from typing import Any

from mcai.topology.handovers import step_text
from mcai.topology.links import LinkContext, dns_switch
from mcai.topology.links_dns import CLOUD_DNS_FORWARDING_SOURCE
from mcai.topology.model import Expr, ModuleCall, Output, Resource

AWS_DNS_SWITCH = "aws_dns_forwarding_enabled"
INBOUND_OUTPUT = "dns_inbound_addresses"
INBOUND_INPUT = "aws_dns_inbound_addresses"


def bedrock_name(spec: Any) -> str:
    return f"bedrock-runtime.{spec.clouds.aws.region}.amazonaws.com"


def callers(spec: Any) -> dict[str, int]:
    """Cloud (azure or gcp) -> its link to AWS, for a router there that calls Bedrock models privately: a link joins
    the two clouds and the VPC has the bedrock-runtime interface endpoint (`clouds.aws.bedrock.private`)."""
    aws = spec.clouds.aws
    routing = spec.routing
    if aws is None or not aws.bedrock.private or routing is None or routing.router not in spec.workloads:
        return {}
    home = spec.workloads[routing.router].runs_on.cloud
    if home == "aws" or not any(getattr(spec.models.get(m), "provider", None) == "bedrock" for m in routing.chain):
        return {}
    link = next((i for i, link in enumerate(spec.links) if set(link.between) == {"aws", home}), None)
    network = getattr(spec.clouds, home).network
    return {} if link is None or network.cidr is None else {home: link}


def caller_cidrs(spec: Any) -> list[str]:
    """Source ranges of the callers' requests (the bedrock-runtime endpoint admits them on 443)."""
    return sorted(getattr(spec.clouds, c).network.cidr for c in callers(spec))


def inbound_cidrs(spec: Any) -> list[str]:
    """Sources of the callers' DNS queries: their networks, and Cloud DNS's forwarding range for GCP."""
    return sorted(caller_cidrs(spec) + ([CLOUD_DNS_FORWARDING_SOURCE] if "gcp" in callers(spec) else []))


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


# An AKS cluster in its own VNet is not the stack's VNet: what its calls into AWS need besides (the stack's range is
# the only one the endpoint admits and the circuit's gateway advertises).
AKS_VNET = ("an AKS cluster in its own VNet also needs that VNet linked to the forwarding ruleset (azure output "
            "`dns_forwarding_ruleset_id`), peered with gateway transit (use remote gateways) and its range admitted "
            "by the endpoint's security group; ")


def _switch(ctx: LinkContext, stack: str) -> Expr:
    spec = ctx.vspec.spec
    aks = AKS_VNET if stack == "azure" and any(w.runs_on.kind == "aks" for w in spec.workloads.values()) else ""
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
