variable "name" {
  type        = string
  description = "Name of the circuit; the gateway and connection names derive from it."
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the circuit and gateway."
}

variable "location" {
  type        = string
  description = "Azure location."
}

variable "circuit" {
  type = object({
    service_provider_name = string
    peering_location      = string
    bandwidth_in_mbps     = number
    tier                  = optional(string, "Standard")
    family                = optional(string, "MeteredData")
  })
  description = "Provider circuit: the partner, its peering location, bandwidth and SKU."

  validation {
    condition     = contains([50, 100, 200, 500, 1000, 2000, 5000, 10000], var.circuit.bandwidth_in_mbps)
    error_message = "bandwidth_in_mbps must be 50, 100, 200, 500, 1000, 2000, 5000 or 10000."
  }

  validation {
    condition     = contains(["Basic", "Local", "Standard", "Premium"], var.circuit.tier) && contains(["MeteredData", "UnlimitedData"], var.circuit.family)
    error_message = "tier must be Basic, Local, Standard or Premium; family MeteredData or UnlimitedData."
  }
}

variable "circuit_provisioned" {
  type        = bool
  description = "Set to true once the partner has provisioned the circuit (service key handed over); creates the peering and the connection."
  default     = false
}

variable "private_peering" {
  type = object({
    peer_asn         = number
    primary_prefix   = string
    secondary_prefix = string
    vlan_id          = number
  })
  description = "Azure private peering with the colocation router: its ASN, two /30s and the VLAN. Null while the partner has not supplied them yet (no peering, no connection)."
  default     = null

  validation {
    condition     = var.private_peering == null || try(endswith(var.private_peering.primary_prefix, "/30") && endswith(var.private_peering.secondary_prefix, "/30") && var.private_peering.primary_prefix != var.private_peering.secondary_prefix, false)
    error_message = "The private peering needs two different /30 prefixes."
  }

  validation {
    condition     = var.private_peering == null || try(var.private_peering.vlan_id >= 2 && var.private_peering.vlan_id <= 4094, false)
    error_message = "vlan_id must be 2-4094."
  }
}

variable "gateway_sku" {
  type        = string
  description = "ExpressRoute gateway SKU (zone-redundant)."
  default     = "ErGw1AZ"

  validation {
    condition     = contains(["ErGw1AZ", "ErGw2AZ", "ErGw3AZ"], var.gateway_sku)
    error_message = "gateway_sku must be ErGw1AZ, ErGw2AZ or ErGw3AZ."
  }
}

variable "gateway_subnet_id" {
  type        = string
  description = "Resource id of the VNet's GatewaySubnet."

  validation {
    condition     = endswith(var.gateway_subnet_id, "/subnets/GatewaySubnet")
    error_message = "The gateway must be deployed in the subnet named GatewaySubnet."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource that takes them."
  nullable    = false
  default     = {}
}
