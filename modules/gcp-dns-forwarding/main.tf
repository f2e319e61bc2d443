# DNS between this VPC and a network in another cloud, over a private link (VPN or Interconnect), both ways.
#
# Outbound: a private forwarding zone per domain sends the VPC's queries for the other cloud's private names (e.g.
# `openai.azure.com`, whose private endpoint answer only Azure's private DNS zone knows) to that cloud's resolver.
# Cloud DNS sends them from 35.199.192.0/19 over the link (private routing), so the Cloud Router must advertise that
# range to the peer, or the answers never come back; the root stack adds it to the link's advertised ranges.
#
# Inbound: a server policy with inbound forwarding gives the VPC entry points (addresses Google picks in each
# subnet) that the other cloud's resolver forwards to; they answer with this VPC's private zones (googleapis.com
# through Private Service Connect, ...). A VPC takes one server policy: adopt an existing one instead if it has one.
#
# Forwarding takes over names every caller in the VPC uses, so it has a switch: until the link carries traffic,
# forwarding them would break those calls for the whole VPC. The root stack turns it on in a hand-over step.

locals {
  # a domain without targets yet (a hand-over not copied) gets no zone: an empty forwarding zone would answer nothing
  forward = var.forward_enabled ? { for k, z in var.forward : k => z if length(z.targets) > 0 } : {}
}

resource "google_dns_managed_zone" "forward" {
  for_each = local.forward

  project     = var.project_id
  name        = "${var.name}-${each.key}"
  dns_name    = "${trimsuffix(each.value.domain, ".")}."
  description = "Forwards ${each.value.domain} to the resolver of the other cloud over the private link (managed by mcai)"
  visibility  = "private"

  private_visibility_config {
    networks {
      network_url = var.network
    }
  }

  forwarding_config {
    dynamic "target_name_servers" {
      for_each = each.value.targets
      content {
        ipv4_address    = target_name_servers.value
        forwarding_path = "private"
      }
    }
  }
}

resource "google_dns_policy" "inbound" {
  count = var.inbound_enabled ? 1 : 0

  project                   = var.project_id
  name                      = "${var.name}-inbound"
  description               = "Entry points the other cloud's resolver forwards this VPC's private names to (managed by mcai)"
  enable_inbound_forwarding = true
  enable_logging            = true

  networks {
    network_url = var.network
  }
}

# Google picks the entry points' addresses when the policy is created; they are Compute Engine addresses of purpose
# DNS_RESOLVER. Only the link's region is read: the other cloud reaches the entry points in the region of the tunnels.
# The filter cannot name the network: a project whose other VPCs have inbound policies too returns theirs as well.
data "google_compute_addresses" "inbound" {
  count = var.inbound_enabled ? 1 : 0

  project = var.project_id
  region  = var.region
  filter  = "purpose = \"DNS_RESOLVER\""

  depends_on = [google_dns_policy.inbound]
}
