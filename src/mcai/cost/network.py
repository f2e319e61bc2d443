"""Hourly network components the links render besides the links' own fees: DNS resolver endpoints (Route 53 Resolver,
Azure DNS Private Resolver) and Transit Gateway attachments. No source in the price notes gives their prices, so each
is a line that says "price not found" (never $0) until a catalog adds it (`mcai plan --prices`)."""

from __future__ import annotations

from typing import Any

from mcai.cost.kinds import Component
from mcai.cost.money import HOURS_PER_MONTH, Span
from mcai.spec.accounts import accounts_of, home_of, stack_name


def _links_with(spec: Any, *clouds: str) -> list[int]:
    return [i for i, link in enumerate(spec.links) if set(clouds) <= set(link.between)]


def _aws_resolver(spec: Any) -> list[Component]:
    from mcai.topology.links_into_aws import inbound_cidrs

    aws, azure = spec.clouds.aws, spec.clouds.azure
    if aws is None or not _links_with(spec, "aws"):
        return []
    subnets = len(getattr(aws.network, "subnet_ids", ()) or ())
    enis = Span.of(subnets) * HOURS_PER_MONTH if subnets else None  # one address (ENI) per subnet
    out = []
    directions = []
    if _links_with(spec, "aws", "azure") and azure is not None and azure.network.cidr:
        directions.append(("outbound", "forwards the Azure private zones to the Azure resolver"))
    if inbound_cidrs(spec):
        directions.append(("inbound", "answers bedrock-runtime for the other clouds' resolvers"))
    for direction, why in directions:
        out.append(Component(
            f"dns.aws.{direction}_endpoint", "link", f"Route 53 Resolver {direction} endpoint ({why}): one address "
            f"per subnet ({subnets or 'the subnets you supply'}), billed per address-hour",
            "dns.route53_resolver.endpoint_address", enis, "address-hours", "per address-hour", ("links",), "aws"))
    return out


def _azure_resolver(spec: Any) -> list[Component]:
    from mcai.topology.links_into_aws import callers

    azure, gcp = spec.clouds.azure, spec.clouds.gcp
    if azure is None or not azure.network.cidr or not _links_with(spec, "azure"):
        return []
    endpoints = [("inbound", "answers the Azure private zones for the other clouds")]
    # DNS between Azure and GCP rides their link (HA VPN or ExpressRoute <-> Partner Interconnect)
    google = bool(_links_with(spec, "azure", "gcp")) and \
        gcp is not None and gcp.private_google_apis is not None
    if google or "azure" in callers(spec):
        endpoints.append(("outbound", "forwards the other clouds' names from the VNet"))
    return [Component(f"dns.azure.{kind}_endpoint", "link", f"Azure DNS Private Resolver {kind} endpoint ({why})",
                      f"dns.azure_private_resolver.{kind}_endpoint", Span.of(HOURS_PER_MONTH), "endpoint-hours",
                      "per endpoint-hour",
                      ("clouds", "azure", "network"), "azure") for kind, why in endpoints]


def _transit_gateway(spec: Any) -> list[Component]:
    """One VPC attachment per account; AWS bills an attachment's hours to the VPC's owner (Transit Gateway pricing
    page: "The VPC account owner is billed hourly for each hour that their Amazon VPCs are attached")."""
    declared = spec.clouds.aws
    if getattr(declared, "transit_gateway", None) is None:
        return []
    out = [Component(f"network.aws.transit_gateway.{name}", "link", f"Transit Gateway: the VPC attachment of "
                     f"account '{name}', billed to it per attachment-hour (data processed per GB not estimated)",
                     "network.transit_gateway.attachment", Span.of(HOURS_PER_MONTH), "attachment-hours",
                     "per attachment-hour", ("clouds", "aws", "transit_gateway"), "aws", stack_name("aws", name))
           for name in accounts_of(declared)]
    # each VPN connection of a link to AWS is an attachment of the hub too (two per HA VPN: spec/transit_rules.py),
    # owned by the home account, whose stack creates the connections
    home = home_of(declared)
    for i in _links_with(spec, "aws"):
        if spec.links[i].via in ("expressroute", "interconnect"):  # its Direct Connect gateway's association
            out.append(Component(
                f"network.aws.transit_gateway.links_{i}_direct_connect", "link", f"Transit Gateway: the Direct "
                f"Connect gateway attachment of links[{i}], billed to account '{home}' per attachment-hour",
                "network.transit_gateway.attachment", Span.of(HOURS_PER_MONTH), "attachment-hours",
                "per attachment-hour", ("links", i), "aws", stack_name("aws", home)))
        if "ha_vpn" in (spec.links[i].via, spec.links[i].fallback.via):
            out.append(Component(
                f"network.aws.transit_gateway.links_{i}_vpn", "link", f"Transit Gateway: the 2 VPN attachments of "
                f"links[{i}] (its HA VPN's connections end on the hub), billed to account '{home}' per "
                "attachment-hour", "network.transit_gateway.attachment", Span.of(2) * HOURS_PER_MONTH,
                "attachment-hours", "per attachment-hour", ("links", i), "aws", stack_name("aws", home)))
    return out


def network_components(spec: Any) -> list[Component]:
    return _aws_resolver(spec) + _azure_resolver(spec) + _transit_gateway(spec)
