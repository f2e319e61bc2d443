# The consumer side of a Private Service Connect endpoint. Turning PSC on for a Vertex AI endpoint only publishes a
# service attachment (one per deployed model); nothing in the VPC can reach it until a forwarding rule on an internal
# address points at that attachment. The `all-apis` endpoint for Google APIs does not cover it. The attachment exists
# only once a model is deployed, so it is an input: the forwarding rule appears when it is supplied.

locals {
  psc_consumers = {
    for k, e in var.endpoints : k => e.psc_consumer
    if e.private_service_connect && try(e.psc_consumer.service_attachment, null) != null
  }
}

resource "google_compute_address" "psc" {
  for_each = local.psc_consumers

  project      = var.project_id
  name         = "${each.value.name}-psc"
  region       = var.endpoints[each.key].location
  subnetwork   = each.value.subnetwork
  address_type = "INTERNAL"
  description  = "Private Service Connect consumer address of Vertex AI endpoint ${var.endpoints[each.key].name} (managed by mcai)"
}

resource "google_compute_forwarding_rule" "psc" {
  for_each = local.psc_consumers

  project               = var.project_id
  name                  = "${each.value.name}-psc"
  region                = var.endpoints[each.key].location
  network               = each.value.network
  ip_address            = google_compute_address.psc[each.key].id
  target                = each.value.service_attachment
  load_balancing_scheme = ""
}
