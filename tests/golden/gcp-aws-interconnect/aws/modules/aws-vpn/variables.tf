variable "name" {
  type        = string
  description = "Name prefix of the customer gateways and VPN connections."
}

variable "vpn_gateway_id" {
  type        = string
  description = "The VPC's virtual private gateway the connections terminate on (null when they end on a Transit Gateway)."
  default     = null

  validation {
    condition     = (var.vpn_gateway_id == null) != (var.transit_gateway_id == null)
    error_message = "Give exactly one of vpn_gateway_id (a VPC's virtual private gateway) and transit_gateway_id."
  }
}

variable "transit_gateway_id" {
  type        = string
  description = "The Transit Gateway the connections attach to instead of a virtual private gateway (null: vpn_gateway_id)."
  default     = null

  validation {
    condition     = var.transit_gateway_id == null || can(regex("^tgw-[0-9a-f]{8}([0-9a-f]{9})?$", var.transit_gateway_id))
    error_message = "transit_gateway_id must be a Transit Gateway id like tgw-0a1b2c3d4e5f67890."
  }
}

variable "peer_asn" {
  type        = number
  description = "BGP ASN of the other cloud's VPN gateway."
}

variable "peer_addresses" {
  type        = map(string)
  description = "Public IPv4 address per interface of the other cloud's VPN gateway (keys \"0\", \"1\"); empty until that stack is applied."
  nullable    = false
  default     = {}

  validation {
    condition     = alltrue([for k, ip in var.peer_addresses : contains(["0", "1"], k) && can(cidrhost("${ip}/32", 0))])
    error_message = "peer_addresses maps interface \"0\" and \"1\" to IPv4 addresses."
  }
}

variable "tunnel_inside_cidrs" {
  type        = map(list(string))
  description = "The two tunnels' /30 inside CIDRs per interface (from the address plan)."
  nullable    = false

  validation {
    condition     = alltrue([for k, cidrs in var.tunnel_inside_cidrs : length(cidrs) == 2 && alltrue([for c in cidrs : endswith(c, "/30") && startswith(c, "169.254.")])])
    error_message = "Each interface needs two link-local /30 inside CIDRs."
  }
}

variable "preshared_keys" {
  type        = map(string)
  description = "IPsec pre-shared key per tunnel, keyed \"<interface>-<tunnel>\" (0-1, 0-2, 1-1, 1-2): one key each, the same map on both ends, from a secret store (8-64 letters, digits, '.' or '_', not starting with 0)."
  sensitive   = true
  nullable    = false

  validation {
    condition     = length(var.preshared_keys) == 4 && alltrue([for t in ["0-1", "0-2", "1-1", "1-2"] : contains(keys(var.preshared_keys), t)]) && alltrue([for k in values(var.preshared_keys) : can(regex("^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$", k))])
    error_message = "preshared_keys needs exactly the tunnels 0-1, 0-2, 1-1 and 1-2, each 8-64 letters, digits, '.' or '_', not starting with 0."
  }

  validation {
    condition     = length(distinct(values(var.preshared_keys))) == length(var.preshared_keys)
    error_message = "Every tunnel needs its own pre-shared key."
  }
}

variable "ike_ciphers" {
  type = object({
    encryption = string
    integrity  = string
    dh_group   = number
  })
  description = "One cipher per role for both IKE phases of every tunnel. Google asks HA VPN peers to propose exactly one per role (otherwise a rekey can pick another cipher and the tunnel flaps); null keeps AWS's default set."
  default     = null

  validation {
    condition = var.ike_ciphers == null ? true : (
      contains(["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"], var.ike_ciphers.encryption) &&
      contains(["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"], var.ike_ciphers.integrity) &&
      contains([2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24], var.ike_ciphers.dh_group)
    )
    error_message = "ike_ciphers takes AWS tunnel option values: encryption AES128, AES256, AES128-GCM-16 or AES256-GCM-16; integrity SHA1 or SHA2-256/384/512; DH group 2, 5 or 14-24."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  nullable    = false
  default     = {}
}
