# A Private Service Connect endpoint for Google APIs (the all-apis bundle) on one internal address of the VPC, with
# the private DNS that sends API names to it: a googleapis.com zone (googleapis.com and *.googleapis.com, which
# covers regional names such as us-east4-aiplatform.googleapis.com) and a p.googleapis.com zone for the PSC-specific
# names. Vertex AI, BigQuery and Storage traffic from the VPC, and from networks linked to it that use these zones,
# then stays on private addresses. Google's automatic Service Directory zone is turned off because these zones
# replace it (two private zones for one name on one network would conflict).

locals {
  zone_names = {
    googleapis   = "${var.dns_zone_prefix}-googleapis"
    p_googleapis = "${var.dns_zone_prefix}-p-googleapis"
  }
}

resource "google_compute_global_address" "this" {
  project      = var.project_id
  name         = var.endpoint_name
  description  = "Private Service Connect endpoint for Google APIs (managed by mcai)"
  purpose      = "PRIVATE_SERVICE_CONNECT"
  address_type = "INTERNAL"
  address      = var.address
  network      = var.network
}

resource "google_compute_global_forwarding_rule" "this" {
  project               = var.project_id
  name                  = var.endpoint_name
  target                = "all-apis"
  network               = var.network
  ip_address            = google_compute_global_address.this.id
  load_balancing_scheme = ""
  no_automate_dns_zone  = true
}

resource "google_dns_managed_zone" "googleapis" {
  # A private zone answers for its whole name as soon as it exists: created only once the endpoint its records
  # point at forwards traffic (and destroyed before it), so no API call in the VPC resolves to nothing.
  depends_on = [google_compute_global_forwarding_rule.this]

  project     = var.project_id
  name        = local.zone_names.googleapis
  dns_name    = "googleapis.com."
  description = "Google APIs through the Private Service Connect endpoint ${var.endpoint_name} (managed by mcai)"
  visibility  = "private"

  private_visibility_config {
    networks {
      network_url = var.network
    }
  }
}

resource "google_dns_record_set" "googleapis" {
  project      = var.project_id
  managed_zone = google_dns_managed_zone.googleapis.name
  name         = "googleapis.com."
  type         = "A"
  ttl          = 300
  rrdatas      = [google_compute_global_address.this.address]
}

resource "google_dns_record_set" "googleapis_wildcard" {
  project      = var.project_id
  managed_zone = google_dns_managed_zone.googleapis.name
  name         = "*.googleapis.com."
  type         = "CNAME"
  ttl          = 300
  rrdatas      = ["googleapis.com."]
}

resource "google_dns_managed_zone" "p_googleapis" {
  # A private zone answers for its whole name as soon as it exists: created only once the endpoint its records
  # point at forwards traffic (and destroyed before it), so no API call in the VPC resolves to nothing.
  depends_on = [google_compute_global_forwarding_rule.this]

  project     = var.project_id
  name        = local.zone_names.p_googleapis
  dns_name    = "p.googleapis.com."
  description = "PSC names (<api>-${var.endpoint_name}.p.googleapis.com) for endpoint ${var.endpoint_name} (managed by mcai)"
  visibility  = "private"

  private_visibility_config {
    networks {
      network_url = var.network
    }
  }
}

resource "google_dns_record_set" "p_googleapis_wildcard" {
  project      = var.project_id
  managed_zone = google_dns_managed_zone.p_googleapis.name
  name         = "*.p.googleapis.com."
  type         = "A"
  ttl          = 300
  rrdatas      = [google_compute_global_address.this.address]
}
