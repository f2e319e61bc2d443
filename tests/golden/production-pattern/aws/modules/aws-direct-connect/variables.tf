variable "name" {
  type        = string
  description = "Name of the Direct Connect gateway and the virtual interface."
}

variable "amazon_side_asn" {
  type        = number
  description = "BGP ASN of the Direct Connect gateway (private range, different from the virtual private gateway's)."

  validation {
    condition     = (var.amazon_side_asn >= 64512 && var.amazon_side_asn <= 65534) || (var.amazon_side_asn >= 4200000000 && var.amazon_side_asn <= 4294967294)
    error_message = "amazon_side_asn must be a private ASN: 64512-65534 or 4200000000-4294967294."
  }
}

variable "vpn_gateway_id" {
  type        = string
  description = "The VPC's virtual private gateway the Direct Connect gateway associates with (null when it associates with a Transit Gateway)."
  default     = null

  validation {
    condition     = (var.vpn_gateway_id == null) != (var.transit_gateway_id == null)
    error_message = "Give exactly one of vpn_gateway_id (a VPC's virtual private gateway) and transit_gateway_id."
  }
}

variable "transit_gateway_id" {
  type        = string
  description = "The Transit Gateway the Direct Connect gateway associates with instead (its interfaces are then transit virtual interfaces, MTU 1500 or 8500)."
  default     = null

  validation {
    condition     = var.transit_gateway_id == null || can(regex("^tgw-[0-9a-f]{8}([0-9a-f]{9})?$", var.transit_gateway_id))
    error_message = "transit_gateway_id must be a Transit Gateway id like tgw-0a1b2c3d4e5f67890."
  }
}

variable "allowed_prefixes" {
  type        = list(string)
  description = "VPC prefixes advertised to the colocation (usually the VPC CIDR)."
  nullable    = false
}

variable "connection_id" {
  type        = string
  description = "Direct Connect connection id (dxcon-...), once the partner has provisioned it; null until then."
  default     = null

  validation {
    condition     = var.connection_id == null || can(regex("^dxcon-[0-9a-z]{8}$", var.connection_id))
    error_message = "connection_id must be a Direct Connect connection id like dxcon-fgabc123."
  }
}

variable "hosted" {
  type        = bool
  description = "The connection is a hosted connection the partner created in this account (it is accepted here)."
  default     = true
}

variable "virtual_interface" {
  type = object({
    vlan             = optional(number)
    peer_asn         = number
    amazon_address   = string
    customer_address = string
    mtu              = optional(number, 1500)
  })
  description = "Private virtual interface: VLAN, the colocation router's ASN, the /30 addresses of the BGP session. On a hosted connection the VLAN is the one the partner assigned to the connection (null until it is provisioned)."

  validation {
    condition     = var.virtual_interface.vlan == null || try(var.virtual_interface.vlan >= 1 && var.virtual_interface.vlan <= 4094, false)
    error_message = "virtual_interface.vlan must be 1-4094."
  }

  validation {
    condition     = contains(var.transit_gateway_id == null ? [1500, 9001] : [1500, 8500], var.virtual_interface.mtu)
    error_message = "virtual_interface.mtu must be 1500 or 9001 on a private interface, 1500 or 8500 on a transit interface (with transit_gateway_id)."
  }
}

variable "secondary" {
  type = object({
    connection_id = optional(string)
    virtual_interface = object({
      vlan             = optional(number)
      peer_asn         = number
      amazon_address   = string
      customer_address = string
      mtu              = optional(number, 1500)
    })
  })
  description = "A second connection (on another partner device) and its private virtual interface to the same gateway, so one port or device is no single point of failure. connection_id (and, on a hosted connection, the partner-assigned vlan) stay null until it is provisioned. Null: one connection."
  default     = null

  validation {
    condition     = var.secondary == null || try(var.secondary.connection_id == null || can(regex("^dxcon-[0-9a-z]{8}$", var.secondary.connection_id)), false)
    error_message = "secondary.connection_id must be a Direct Connect connection id like dxcon-fgabc123."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource that takes them."
  nullable    = false
  default     = {}
}
