# The GCP end of a private link to AWS over Cloud Interconnect: a Cloud Router and VLAN attachments.
# - Partner: one attachment per edge availability domain (both domains of one metro give the 99.9% topology;
#   99.99% needs four attachments in two regions), no interconnect (the partner's port), Google's ASN 16550 on the
#   router; each attachment's pairing key goes to the partner, which sets bandwidth and VLAN and brings up BGP.
# - Dedicated / Cross-Cloud: one attachment on the named Interconnect with its VLAN, bandwidth and a link-local /29
#   from the address plan, plus the router interface and BGP peer on it.
# The partner (or the Cross-Cloud port) meets the AWS Direct Connect interface rendered in the aws stack.

locals {
  partner = var.type == "PARTNER"
  attachments = local.partner ? {
    for d in var.edge_availability_domains : "domain${d}" => { edge_availability_domain = "AVAILABILITY_DOMAIN_${d}" }
  } : { "dedicated" = { edge_availability_domain = null } }
}

resource "google_compute_router" "this" {
  project = var.project_id
  region  = var.region
  name    = "${var.name}-router"
  network = var.network

  bgp {
    asn               = var.router_asn
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

resource "google_compute_interconnect_attachment" "this" {
  for_each = local.attachments

  project                  = var.project_id
  region                   = var.region
  name                     = "${var.name}-${each.key}"
  router                   = google_compute_router.this.id
  type                     = var.type
  mtu                      = tostring(var.mtu)
  admin_enabled            = true
  description              = "Private link to AWS (managed by mcai)"
  edge_availability_domain = each.value.edge_availability_domain
  interconnect             = local.partner ? null : var.dedicated.interconnect
  vlan_tag8021q            = local.partner ? null : var.dedicated.vlan
  bandwidth                = local.partner ? null : var.dedicated.bandwidth
  candidate_subnets        = local.partner ? null : [var.dedicated.candidate_subnet]
}

resource "google_compute_router_interface" "this" {
  for_each = local.partner ? {} : local.attachments

  project                 = var.project_id
  region                  = var.region
  name                    = "${var.name}-${each.key}"
  router                  = google_compute_router.this.name
  ip_range                = google_compute_interconnect_attachment.this[each.key].cloud_router_ip_address
  interconnect_attachment = google_compute_interconnect_attachment.this[each.key].self_link
}

resource "google_compute_router_peer" "this" {
  for_each = local.partner ? {} : local.attachments

  project         = var.project_id
  region          = var.region
  name            = "${var.name}-${each.key}"
  router          = google_compute_router.this.name
  interface       = google_compute_router_interface.this[each.key].name
  peer_ip_address = split("/", google_compute_interconnect_attachment.this[each.key].customer_router_ip_address)[0]
  peer_asn        = var.dedicated.peer_asn
}
