"""Spec objects for private links between clouds: ExpressRoute meeting Direct Connect at a partner colocation,
Cloud Interconnect (partner, dedicated or cross-cloud) meeting Direct Connect, and HA VPN (IPsec + BGP), which is
also the fallback every private link gets unless the spec opts out.

Value rules the providers leave to the cloud API (ExpressRoute bandwidths, Direct Connect bandwidth strings,
Interconnect attachment types, VLAN and MTU values, private ASNs) are checked here or in `links_rules.py`, so a bad
value fails `mcai validate` rather than `terraform apply` hours into a circuit order.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from mcai.spec.base import LAX, StrictModel
from mcai.spec.types import pattern

LinkCloud = Literal["aws", "azure", "gcp"]
# Provider circuits (ExpressRoute FAQ); the azurerm provider does not check the value.
EXPRESSROUTE_MBPS = (50, 100, 200, 500, 1000, 2000, 5000, 10000)
# Direct Connect bandwidth strings are case-sensitive; hosted (partner) and dedicated ports offer different sets.
DX_HOSTED_BANDWIDTHS = ("50Mbps", "100Mbps", "200Mbps", "300Mbps", "400Mbps", "500Mbps", "1Gbps", "2Gbps", "5Gbps",
                        "10Gbps", "25Gbps")
DX_DEDICATED_BANDWIDTHS = ("1Gbps", "10Gbps", "100Gbps", "400Gbps")
# VLAN attachment bandwidths (google_compute_interconnect_attachment.bandwidth), in Mbps -> the provider enum.
INTERCONNECT_BANDWIDTH = {50: "BPS_50M", 100: "BPS_100M", 200: "BPS_200M", 300: "BPS_300M", 400: "BPS_400M",
                          500: "BPS_500M", 1000: "BPS_1G", 2000: "BPS_2G", 5000: "BPS_5G", 10000: "BPS_10G",
                          20000: "BPS_20G", 50000: "BPS_50G", 100000: "BPS_100G", 400000: "BPS_400G"}
# Google's ASN: a Cloud Router serving Partner Interconnect attachments must use it.
GOOGLE_PARTNER_ASN = 16550
# Private ASNs (RFC 6996): 16-bit and 32-bit ranges.
PRIVATE_ASN_16 = (64512, 65534)
PRIVATE_ASN_32 = (4200000000, 4294967294)

DxLocation = Annotated[str, pattern(r"[A-Za-z0-9-]{3,20}", "dx_location",
                                     "must be a Direct Connect location code like EqDC2 (letters, digits, '-')")]
PartnerName = Annotated[str, pattern(r"[A-Za-z0-9][A-Za-z0-9 .&()/-]*", "partner",
                                      "must be a connectivity provider name like Equinix or Megaport", max_len=80)]
PeeringLocation = Annotated[str, pattern(r"[A-Za-z0-9][A-Za-z0-9 .,()/-]*", "peering_location",
                                          "must be an ExpressRoute peering location like 'Washington DC'",
                                          max_len=80)]
InterconnectName = Annotated[str, pattern(r"[a-z]([-a-z0-9]*[a-z0-9])?", "interconnect_name",
                                           "must be the name of an existing Interconnect in the project (RFC 1035)",
                                           max_len=63)]
PeeringCidr = Annotated[str, pattern(r"(\d{1,3}\.){3}\d{1,3}/(29|30)", "peering_cidr",
                                      "must be a /30 or /29 IPv4 range like 169.254.10.0/30")]
Asn = Annotated[int, Field(ge=1, le=4294967294)]


def _vlan(value: int) -> int:
    if not 2 <= value <= 4094:
        raise PydanticCustomError("vlan", "must be a VLAN id from 2 to 4094 (got {value}; 0, 1 and 4095 are "
                                  "reserved)", {"value": value})
    return value


Vlan = Annotated[int, AfterValidator(_vlan)]


class Colocation(StrictModel):
    """Where the two clouds meet: a partner (or your own router) in a colocation facility. Both cloud sides peer
    with the router there over BGP."""

    partner: PartnerName
    """The connectivity provider (ExpressRoute `service_provider_name`, Direct Connect hosted-connection partner,
    Partner Interconnect provider), e.g. `Equinix` or `Megaport`."""
    dx_location: DxLocation | None = None
    """Direct Connect location code of the facility, e.g. `EqDC2` (links that join AWS)."""
    peering_location: PeeringLocation | None = None
    """ExpressRoute peering location of the same facility, e.g. `Washington DC` (ExpressRoute links only)."""
    router_asn: Asn = 65010
    """BGP ASN of the router at the colocation (both cloud sides peer with it); private range by default."""


class ExpressRouteSide(StrictModel):
    """The Azure side: an ExpressRoute provider circuit, its private peering and an ExpressRoute gateway."""

    tier: Literal["basic", "local", "standard", "premium"] = "standard"
    """Circuit SKU tier. `local` reaches only the Azure regions near the peering location (and needs 1 Gbps or
    more with unlimited data)."""
    family: Literal["metered", "unlimited"] = "metered"
    """Data plan. Metered -> unlimited can be changed in place; unlimited -> metered cannot (a new circuit)."""
    previous_family: Literal["metered", "unlimited"] | None = None
    """The family the circuit has today, when changing it (mcai then checks the change is allowed)."""
    gateway_sku: Literal["ErGw1AZ", "ErGw2AZ", "ErGw3AZ"] = "ErGw1AZ"
    """ExpressRoute virtual network gateway SKU (zone-redundant SKUs only, as Microsoft recommends)."""
    vlan: Vlan | None = None
    """VLAN of the private peering; default derived from the link's position (100 + 10 x index). On an Azure <->
    GCP link the partner supplies it (an input of the azure stack), never the spec."""
    peering_ranges: Annotated[tuple[PeeringCidr, ...], LAX] | None = Field(default=None, min_length=2, max_length=2)
    """Primary and secondary /30 of the private peering; default allocated from the address plan. On an Azure <->
    GCP link the partner supplies them with the VLAN."""


class DirectConnectSide(StrictModel):
    """The AWS side: a Direct Connect connection at the colocation, a private virtual interface to a Direct Connect
    gateway, associated with the VPC's virtual private gateway."""

    connection: Literal["hosted", "dedicated"] = "hosted"
    """`hosted`: the partner provisions a connection into the account (accepted by mcai's stack). `dedicated`: a
    port you ordered yourself."""
    bandwidth: str = "1Gbps"
    """Port speed, case-sensitive: hosted 50Mbps-25Gbps, dedicated 1Gbps, 10Gbps, 100Gbps or 400Gbps."""
    vlan: Vlan | None = None
    """Dedicated only: VLAN of the virtual interface; default derived from the link's position (101 + 10 x index).
    On a hosted connection the partner assigns it: the aws stack's input for the connection asks for it."""
    mtu: Literal[1500, 9001] = 1500
    """MTU of the private virtual interface: 1500, or 9001 (jumbo frames)."""
    peering_range: PeeringCidr | None = None
    """The /30 (or /29) of the BGP session on the virtual interface; default allocated from the address plan."""
    connections: Literal[1, 2] = 1
    """2: a second connection (on another partner device) with its own virtual interface (VLAN + 1, its own /30) to
    the same Direct Connect gateway, matching ExpressRoute's primary and secondary peerings. One connection is a
    single point of failure (reported as a finding)."""


class InterconnectSide(StrictModel):
    """The GCP side: VLAN attachments on a Cloud Router, over a partner's, your own (dedicated) or a Cross-Cloud
    Interconnect port."""

    type: Literal["partner", "dedicated", "cross_cloud"] = "partner"
    interconnect: InterconnectName | None = None
    """Name of the existing Interconnect (dedicated and cross_cloud; a partner attachment has none)."""
    edge_availability_domains: Annotated[tuple[Literal[1, 2], ...], LAX] = Field(default=(1, 2), min_length=1,
                                                                                 max_length=2)
    """Partner only: one attachment per edge availability domain; both (the default) for the 99.99% topology."""
    vlan: Vlan | None = None
    """Dedicated and cross_cloud: the attachment's VLAN; default derived from the link's position (200 + index)."""
    mtu: Literal[1440, 1460, 1500, 8896] = 1440
    """MTU of the attachments (1440 default, 1460, 1500 or 8896)."""
    router_asn: Asn | None = None
    """Cloud Router ASN. Partner Interconnect requires Google's 16550 (the default); otherwise a private ASN
    (default 64515)."""


class Fallback(StrictModel):
    """The path traffic takes when the private link is down."""

    via: Literal["ha_vpn", "none"] = "ha_vpn"
    """`ha_vpn` (default): IPsec tunnels with BGP over the internet, preferred less than the private link. `none`:
    no fallback (reported as a finding)."""


class Asns(StrictModel):
    """BGP ASNs of each cloud's gateway; defaults from the private range (RFC 6996). Each cloud has one value for
    every link it takes part in (one gateway per network)."""

    aws: Asn = 64512
    """Amazon side ASN of the VPC's virtual private gateway (the Direct Connect gateway uses this + 1)."""
    azure: Asn = 65515
    """ASN of the Azure VPN gateway (Azure's default)."""
    gcp: Asn = 64514
    """ASN of the Cloud Router that terminates HA VPN tunnels."""


class Link(StrictModel):
    """A private path between two clouds. Both ends are rendered, each in its cloud's stack."""

    between: Annotated[tuple[LinkCloud, LinkCloud], LAX]
    """The two clouds, e.g. `[aws, azure]`."""
    via: Literal["expressroute", "interconnect", "ha_vpn"]
    """`expressroute`: Azure ExpressRoute meeting AWS Direct Connect, or GCP Partner Interconnect (between azure and
    gcp), at a partner colocation. `interconnect`: GCP Cloud Interconnect meeting AWS Direct Connect. `ha_vpn`: IPsec
    with BGP over the internet."""
    bandwidth_mbps: int | None = Field(default=None, ge=1)
    """Circuit bandwidth in Mbps (ExpressRoute: 50-10000 from a fixed list; Interconnect attachment: 50-400000).
    HA VPN has none (about 1.25 Gbps per tunnel)."""
    colocation: Colocation | None = None
    """Where the clouds meet (expressroute and interconnect links)."""
    expressroute: ExpressRouteSide | None = None
    direct_connect: DirectConnectSide | None = None
    interconnect: InterconnectSide | None = None
    fallback: Fallback = Fallback()
    asns: Asns = Asns()
    description: str | None = Field(default=None, max_length=200)
