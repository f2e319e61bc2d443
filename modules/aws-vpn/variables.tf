variable "name" {
  type        = string
  description = "Name prefix of the customer gateways and VPN connections."
}

variable "vpn_gateway_id" {
  type        = string
  description = "The VPC's virtual private gateway the connections terminate on."
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

variable "preshared_key" {
  type        = string
  description = "IPsec pre-shared key of every tunnel (8-64 characters: letters, digits, '.' and '_', not starting with 0)."
  sensitive   = true

  validation {
    condition     = can(regex("^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$", var.preshared_key))
    error_message = "The pre-shared key must be 8-64 letters, digits, '.' or '_', and must not start with 0."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  nullable    = false
  default     = {}
}
