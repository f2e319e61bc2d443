# The GCP end of an HA VPN to AWS or to Azure (one gateway per peer cloud): an HA VPN gateway (two interfaces) and a
# Cloud Router with a private ASN, then
# - AWS, following Google's "HA VPN to AWS" topology: an external VPN gateway with the four AWS tunnel addresses
#   (FOUR_IPS_REDUNDANCY), four IKEv2 tunnels, a router interface and BGP peer per tunnel. The fallback of an
#   Interconnect path, or the link itself.
# - Azure (`azure_peer`), following Google's "HA VPN between Google Cloud and Azure" topology: an external VPN gateway
#   with the two public IPs of Azure's active-active gateway (TWO_IPS_REDUNDANCY) and one IKEv2 tunnel per HA VPN
#   interface, interface i to Azure instance i, each with its BGP session on Azure's APIPA range (the 99.99% SLA
#   configuration). Azure knows one BGP address per GCP interface (its local network gateway), so a second tunnel
#   from the same interface could not carry BGP: two tunnels, not four.
#
# The AWS tunnels exist only after the AWS stack has been applied with this gateway's interface addresses, so
# `aws_tunnels` starts empty (gateway and router only) and is filled in on a second apply; the README lists the order.
#
# Pre-shared keys: one per tunnel, a sensitive input map with no default, supplied from a secret store (TF_VAR_...).
# They are sent through the write-only `shared_secret_wo` (google 7.x and 8.x; Terraform >= 1.11), so this stack's
# state never holds them; bump preshared_keys_version to send changed keys. (The AWS and Azure ends have no
# write-only argument in the pinned providers and keep the keys in their state.)

locals {
  # Tunnels keyed "<interface>-<tunnel>": interface i of the HA VPN gateway serves AWS VPN connection i.
  tunnels = merge([for i, pair in var.aws_tunnels : { for t, tunnel in pair : "${i}-${t + 1}" => merge(tunnel, {
    interface = tonumber(i), external_interface = tonumber(i) * 2 + t
  }) }]...)
  # Azure tunnels, keyed by HA VPN interface ("0", "1"): only once the azure stack's gateway IPs are known.
  azure_tunnels = var.azure_peer == null ? {} : length(var.azure_peer.addresses) == 0 ? {} : var.azure_peer.bgp_addresses
}

resource "google_compute_ha_vpn_gateway" "this" {
  project = var.project_id
  region  = var.region
  name    = var.name
  network = var.network
}

resource "google_compute_router" "this" {
  project = var.project_id
  region  = var.region
  name    = "${var.name}-router"
  network = var.network

  bgp {
    asn               = var.asn
    advertise_mode    = "CUSTOM"
    advertised_groups = ["ALL_SUBNETS"]

    dynamic "advertised_ip_ranges" {
      for_each = toset(var.advertised_ranges)
      content {
        range = advertised_ip_ranges.value
      }
    }
  }
}

resource "google_compute_external_vpn_gateway" "this" {
  count = length(local.tunnels) > 0 ? 1 : 0

  project         = var.project_id
  name            = "${var.name}-aws"
  redundancy_type = "FOUR_IPS_REDUNDANCY"
  description     = "AWS site-to-site VPN tunnel endpoints (managed by mcai)"

  dynamic "interface" {
    for_each = { for k, t in local.tunnels : k => t }
    content {
      id         = interface.value.external_interface
      ip_address = interface.value.outside_address
    }
  }
}

resource "google_compute_vpn_tunnel" "this" {
  for_each = local.tunnels

  project                         = var.project_id
  region                          = var.region
  name                            = "${var.name}-${each.key}"
  vpn_gateway                     = google_compute_ha_vpn_gateway.this.id
  vpn_gateway_interface           = each.value.interface
  peer_external_gateway           = google_compute_external_vpn_gateway.this[0].id
  peer_external_gateway_interface = each.value.external_interface
  shared_secret_wo                = var.preshared_keys[each.key]
  shared_secret_wo_version        = var.preshared_keys_version
  ike_version                     = 2
  router                          = google_compute_router.this.id
}

resource "google_compute_router_interface" "this" {
  for_each = local.tunnels

  project    = var.project_id
  region     = var.region
  name       = "${var.name}-${each.key}"
  router     = google_compute_router.this.name
  ip_range   = "${each.value.peer_inside_address}/30"
  vpn_tunnel = google_compute_vpn_tunnel.this[each.key].name
}

resource "google_compute_router_peer" "this" {
  for_each = local.tunnels

  project         = var.project_id
  region          = var.region
  name            = "${var.name}-${each.key}"
  router          = google_compute_router.this.name
  interface       = google_compute_router_interface.this[each.key].name
  peer_ip_address = each.value.aws_inside_address
  peer_asn        = var.aws_asn
  # Above the Interconnect's default (100): BGP prefers the private link while it is up.
  advertised_route_priority = var.route_priority
}

resource "google_compute_external_vpn_gateway" "azure" {
  count = length(local.azure_tunnels) > 0 ? 1 : 0

  project         = var.project_id
  name            = "${var.name}-azure"
  redundancy_type = "TWO_IPS_REDUNDANCY"
  description     = "Azure active-active VPN gateway, one public IP per instance (managed by mcai)"

  dynamic "interface" {
    for_each = var.azure_peer.addresses
    content {
      id         = tonumber(interface.key)
      ip_address = interface.value
    }
  }
}

resource "google_compute_vpn_tunnel" "azure" {
  for_each = local.azure_tunnels

  project                         = var.project_id
  region                          = var.region
  name                            = "${var.name}-azure-${each.key}"
  vpn_gateway                     = google_compute_ha_vpn_gateway.this.id
  vpn_gateway_interface           = tonumber(each.key)
  peer_external_gateway           = google_compute_external_vpn_gateway.azure[0].id
  peer_external_gateway_interface = tonumber(each.key)
  shared_secret_wo                = var.azure_preshared_keys[each.key]
  shared_secret_wo_version        = var.preshared_keys_version
  ike_version                     = 2
  router                          = google_compute_router.this.id
}

resource "google_compute_router_interface" "azure" {
  for_each = local.azure_tunnels

  project    = var.project_id
  region     = var.region
  name       = "${var.name}-azure-${each.key}"
  router     = google_compute_router.this.name
  ip_range   = "${each.value.gcp}/30"
  vpn_tunnel = google_compute_vpn_tunnel.azure[each.key].name
}

resource "google_compute_router_peer" "azure" {
  for_each = local.azure_tunnels

  project         = var.project_id
  region          = var.region
  name            = "${var.name}-azure-${each.key}"
  router          = google_compute_router.this.name
  interface       = google_compute_router_interface.azure[each.key].name
  peer_ip_address = each.value.azure
  peer_asn        = var.azure_peer.asn
}
