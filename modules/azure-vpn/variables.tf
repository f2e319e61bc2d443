variable "name" {
  type        = string
  description = "Name of the VPN gateway; public IPs, local gateways and connections derive from it."
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the gateway."
}

variable "location" {
  type        = string
  description = "Azure location."
}

variable "sku" {
  type        = string
  description = "Zone-redundant VPN gateway SKU."
  default     = "VpnGw2AZ"

  validation {
    condition     = contains(["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"], var.sku)
    error_message = "sku must be a zone-redundant VPN SKU (VpnGw1AZ ... VpnGw5AZ)."
  }
}

variable "gateway_subnet_id" {
  type        = string
  description = "Resource id of the VNet's GatewaySubnet (shared with the ExpressRoute gateway)."

  validation {
    condition     = endswith(var.gateway_subnet_id, "/subnets/GatewaySubnet")
    error_message = "The gateway must be deployed in the subnet named GatewaySubnet."
  }
}

variable "asn" {
  type        = number
  description = "BGP ASN of the Azure VPN gateway."
}

variable "apipa_addresses" {
  type        = map(list(string))
  description = "Per gateway instance (\"0\", \"1\"): its APIPA BGP addresses, one per AWS tunnel it terminates (empty lists without AWS)."
  nullable    = false
  default     = { "0" = [], "1" = [] }

  validation {
    condition     = length(var.apipa_addresses) == 2 && alltrue([for k, ips in var.apipa_addresses : alltrue([for ip in ips : can(regex("^169\\.254\\.2[12]\\.", ip))])])
    error_message = "Both instances need APIPA addresses within 169.254.21.0-169.254.22.255."
  }
}

variable "aws_asn" {
  type        = number
  description = "BGP ASN of the AWS virtual private gateway (null for a gateway that serves GCP only)."
  default     = null
}

variable "aws_tunnels" {
  type = map(list(object({
    outside_address     = string
    aws_inside_address  = string
    peer_inside_address = string
  })))
  description = "The aws stack's `tunnels` output for this link: per gateway instance, its two AWS tunnels. Empty until the aws stack is applied."
  nullable    = false
  default     = {}
}

variable "preshared_keys" {
  type        = map(string)
  description = "IPsec pre-shared key per AWS tunnel, keyed \"<interface>-<tunnel>\" (0-1, 0-2, 1-1, 1-2): one key each, the same map on both ends, from a secret store (8-64 letters, digits, '.' or '_', not starting with 0). Empty only for a gateway that serves GCP alone."
  sensitive   = true
  nullable    = false
  default     = {}

  validation {
    condition     = (var.aws_asn == null && length(var.preshared_keys) == 0) || length(var.preshared_keys) == 4 && alltrue([for t in ["0-1", "0-2", "1-1", "1-2"] : contains(keys(var.preshared_keys), t)]) && alltrue([for k in values(var.preshared_keys) : can(regex("^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$", k))])
    error_message = "preshared_keys needs exactly the tunnels 0-1, 0-2, 1-1 and 1-2, each 8-64 letters, digits, '.' or '_', not starting with 0."
  }

  validation {
    condition     = length(distinct(values(var.preshared_keys))) == length(var.preshared_keys)
    error_message = "Every tunnel needs its own pre-shared key."
  }
}

variable "gcp_peer" {
  type = object({
    asn                 = number
    interface_addresses = map(string)
    bgp_addresses = map(object({
      gcp   = string
      azure = string
    }))
  })
  description = "The GCP end: its Cloud Router ASN, the public address per HA VPN interface (\"0\", \"1\"; the gcp stack's output, empty until that stack is applied) and, per interface, the Cloud Router's and this gateway's BGP addresses on its tunnel (APIPA, 169.254.21.0-169.254.22.255). Null: no GCP peer."
  default     = null

  validation {
    condition     = var.gcp_peer == null || (contains([0, 2], length(try(var.gcp_peer.interface_addresses, {}))) && length(try(var.gcp_peer.bgp_addresses, {})) == 2 && alltrue([for k, b in try(var.gcp_peer.bgp_addresses, {}) : contains(["0", "1"], k) && can(regex("^169\\.254\\.2[12]\\.", b.gcp)) && can(regex("^169\\.254\\.2[12]\\.", b.azure))]))
    error_message = "gcp_peer needs both HA VPN interfaces' addresses (or none yet) and, for interfaces \"0\" and \"1\", BGP addresses within 169.254.21.0-169.254.22.255."
  }
}

variable "gcp_preshared_keys" {
  type        = map(string)
  description = "IPsec pre-shared key per GCP tunnel, keyed by HA VPN interface (\"0\", \"1\"): the same map as the gcp stack's, from a secret store (8-64 letters, digits, '.' or '_', not starting with 0)."
  sensitive   = true
  nullable    = false
  default     = {}

  validation {
    condition     = (var.gcp_peer == null && length(var.gcp_preshared_keys) == 0) || (length(var.gcp_preshared_keys) == 2 && alltrue([for t in ["0", "1"] : contains(keys(var.gcp_preshared_keys), t)]) && alltrue([for k in values(var.gcp_preshared_keys) : can(regex("^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$", k))]) && length(distinct(values(var.gcp_preshared_keys))) == 2)
    error_message = "With a GCP peer, gcp_preshared_keys needs the tunnels \"0\" and \"1\", each its own 8-64 letters, digits, '.' or '_', not starting with 0."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource that takes them."
  nullable    = false
  default     = {}
}
