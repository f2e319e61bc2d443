# The Azure end of an HA VPN to AWS and/or to GCP (a VNet has one VPN gateway, so both peers share it): an active-active, zone-redundant VPN gateway with BGP (two public IPs, one per
# instance), a local network gateway per AWS tunnel (four: two VPN connections of two tunnels), and an IPsec
# connection per tunnel using APIPA BGP addresses (Azure accepts only 169.254.21.0-169.254.22.255), as in
# Microsoft's "VPN between Azure and AWS with BGP" guide. Fallback of the ExpressRoute path, or the link itself.
#
# The AWS tunnels exist only after the AWS stack has been applied with this gateway's public IPs, so `aws_tunnels`
# starts empty (only the gateway is created) and is filled in on a second apply; the README lists the order.
#
# GCP (`gcp_peer`), as in Google's "HA VPN between Google Cloud and Azure": one local network gateway per GCP HA VPN
# interface (its public IP and the Cloud Router's BGP address on that interface's tunnel) and one connection each;
# the gateway's instances add the GCP sessions' APIPA addresses to their lists.
#
# Pre-shared keys: one per tunnel, a sensitive input map with no default, supplied from a secret store (TF_VAR_...).
# azurerm 5.10 has no write-only `shared_key`: the keys are kept in this stack's state.

locals {
  instances = ["0", "1"]
  # One local gateway and one connection per AWS tunnel, keyed "<interface>-<tunnel>".
  tunnels = merge([for i, pair in var.aws_tunnels : { for t, tunnel in pair : "${i}-${t + 1}" => merge(tunnel, { instance = i }) }]...)
  # Per GCP HA VPN interface ("0", "1"), once the gcp stack's interface addresses are known.
  gcp_tunnels = var.gcp_peer == null ? {} : { for i, address in var.gcp_peer.interface_addresses : i => merge(var.gcp_peer.bgp_addresses[i], { address = address }) }
  # Each instance's APIPA addresses: the AWS tunnels' and the GCP session it terminates.
  apipa = { for i in local.instances : i => concat(lookup(var.apipa_addresses, i, []), var.gcp_peer == null ? [] : [var.gcp_peer.bgp_addresses[i].azure]) }
}

resource "azurerm_public_ip" "this" {
  for_each = toset(local.instances)

  name                = "${var.name}-pip${each.key}"
  resource_group_name = var.resource_group_name
  location            = var.location
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = ["1", "2", "3"]
  tags                = var.tags
}

resource "azurerm_virtual_network_gateway" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  type                = "Vpn"
  vpn_type            = "RouteBased"
  sku                 = var.sku
  generation          = "Generation2"
  active_active       = true
  bgp_enabled         = true
  tags                = var.tags

  dynamic "ip_configuration" {
    for_each = local.instances
    content {
      name                          = "instance${ip_configuration.value}"
      public_ip_address_id          = azurerm_public_ip.this[ip_configuration.value].id
      private_ip_address_allocation = "Dynamic"
      subnet_id                     = var.gateway_subnet_id
    }
  }

  bgp_settings {
    asn = var.asn

    dynamic "peering_addresses" {
      for_each = local.instances
      content {
        ip_configuration_name = "instance${peering_addresses.value}"
        apipa_addresses       = local.apipa[peering_addresses.value]
      }
    }
  }
}

resource "azurerm_local_network_gateway" "this" {
  for_each = local.tunnels

  name                = "${var.name}-aws-${each.key}"
  resource_group_name = var.resource_group_name
  location            = var.location
  gateway_address     = each.value.outside_address
  tags                = var.tags

  bgp_settings {
    asn                 = var.aws_asn
    bgp_peering_address = each.value.aws_inside_address
  }
}

resource "azurerm_virtual_network_gateway_connection" "this" {
  for_each = local.tunnels

  name                       = "${var.name}-aws-${each.key}"
  resource_group_name        = var.resource_group_name
  location                   = var.location
  type                       = "IPsec"
  connection_protocol        = "IKEv2"
  virtual_network_gateway_id = azurerm_virtual_network_gateway.this.id
  local_network_gateway_id   = azurerm_local_network_gateway.this[each.key].id
  shared_key                 = var.preshared_keys[each.key]
  bgp_enabled                = true
  tags                       = var.tags

  custom_bgp_addresses {
    primary   = each.value.instance == "0" ? each.value.peer_inside_address : var.apipa_addresses["0"][0]
    secondary = each.value.instance == "1" ? each.value.peer_inside_address : var.apipa_addresses["1"][0]
  }
}

resource "azurerm_local_network_gateway" "gcp" {
  for_each = local.gcp_tunnels

  name                = "${var.name}-gcp-${each.key}"
  resource_group_name = var.resource_group_name
  location            = var.location
  gateway_address     = each.value.address
  tags                = var.tags

  bgp_settings {
    asn                 = var.gcp_peer.asn
    bgp_peering_address = each.value.gcp
  }
}

resource "azurerm_virtual_network_gateway_connection" "gcp" {
  for_each = local.gcp_tunnels

  name                       = "${var.name}-gcp-${each.key}"
  resource_group_name        = var.resource_group_name
  location                   = var.location
  type                       = "IPsec"
  connection_protocol        = "IKEv2"
  virtual_network_gateway_id = azurerm_virtual_network_gateway.this.id
  local_network_gateway_id   = azurerm_local_network_gateway.gcp[each.key].id
  shared_key                 = var.gcp_preshared_keys[each.key]
  bgp_enabled                = true
  tags                       = var.tags

  # Instance i's tunnel to GCP interface i carries the session; each instance's address for the GCP sessions
  custom_bgp_addresses {
    primary   = var.gcp_peer.bgp_addresses["0"].azure
    secondary = var.gcp_peer.bgp_addresses["1"].azure
  }
}
