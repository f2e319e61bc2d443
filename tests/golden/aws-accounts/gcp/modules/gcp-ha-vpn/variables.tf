variable "project_id" {
  type        = string
  description = "Project of the gateway."
}

variable "region" {
  type        = string
  description = "Region of the gateway, router and tunnels."
}

variable "name" {
  type        = string
  description = "Name of the HA VPN gateway (RFC 1035); router, tunnels and peers derive from it."

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$", var.name))
    error_message = "name must be RFC 1035, at most 42 characters (derived names add suffixes)."
  }
}

variable "network" {
  type        = string
  description = "VPC network (projects/<project>/global/networks/<name>)."
}

variable "asn" {
  type        = number
  description = "Private BGP ASN of the Cloud Router."

  validation {
    condition     = (var.asn >= 64512 && var.asn <= 65534) || (var.asn >= 4200000000 && var.asn <= 4294967294)
    error_message = "The Cloud Router ASN must be private: 64512-65534 or 4200000000-4294967294."
  }
}

variable "advertised_ranges" {
  type        = list(string)
  description = "Extra ranges advertised to AWS besides the VPC's subnets (e.g. the Private Service Connect address)."
  nullable    = false
  default     = []
}

variable "aws_asn" {
  type        = number
  description = "BGP ASN of the AWS virtual private gateway (null for a gateway that serves Azure only)."
  default     = null
}

variable "aws_tunnels" {
  type = map(list(object({
    outside_address     = string
    aws_inside_address  = string
    peer_inside_address = string
  })))
  description = "The aws stack's `tunnels` output for this link: per HA VPN interface, its two AWS tunnels. Empty until the aws stack is applied."
  nullable    = false
  default     = {}

  validation {
    condition     = length(var.aws_tunnels) == 0 || (length(var.aws_tunnels) == 2 && alltrue([for k, pair in var.aws_tunnels : contains(["0", "1"], k) && length(pair) == 2]))
    error_message = "aws_tunnels needs both interfaces (\"0\", \"1\") with two tunnels each: four tunnels, as FOUR_IPS_REDUNDANCY requires."
  }
}

variable "preshared_keys" {
  type        = map(string)
  description = "IPsec pre-shared key per AWS tunnel, keyed \"<interface>-<tunnel>\" (0-1, 0-2, 1-1, 1-2): one key each, the same map on both ends, from a secret store (8-64 letters, digits, '.' or '_', not starting with 0). Empty only for a gateway that serves Azure alone."
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

variable "azure_peer" {
  type = object({
    asn       = number
    addresses = map(string)
    bgp_addresses = map(object({
      gcp   = string
      azure = string
    }))
  })
  description = "The Azure end: its gateway ASN, the public IP per gateway instance (\"0\", \"1\"; the azure stack's output, empty until that stack is applied) and, per HA VPN interface (\"0\", \"1\"), the Cloud Router's and Azure's BGP addresses on that tunnel (APIPA, 169.254.21.0-169.254.22.255). Null: no Azure peer."
  default     = null

  validation {
    condition     = var.azure_peer == null || (contains([0, 2], length(try(var.azure_peer.addresses, {}))) && length(try(var.azure_peer.bgp_addresses, {})) == 2 && alltrue([for k, b in try(var.azure_peer.bgp_addresses, {}) : contains(["0", "1"], k) && can(regex("^169\\.254\\.2[12]\\.", b.gcp)) && can(regex("^169\\.254\\.2[12]\\.", b.azure))]))
    error_message = "azure_peer needs both Azure instances' addresses (or none yet) and, for interfaces \"0\" and \"1\", BGP addresses within Azure's APIPA range 169.254.21.0-169.254.22.255."
  }
}

variable "azure_preshared_keys" {
  type        = map(string)
  description = "IPsec pre-shared key per Azure tunnel, keyed by HA VPN interface (\"0\", \"1\"): the same map as the azure stack's, from a secret store (8-64 letters, digits, '.' or '_', not starting with 0)."
  sensitive   = true
  nullable    = false
  default     = {}

  validation {
    condition     = (var.azure_peer == null && length(var.azure_preshared_keys) == 0) || (length(var.azure_preshared_keys) == 2 && alltrue([for t in ["0", "1"] : contains(keys(var.azure_preshared_keys), t)]) && alltrue([for k in values(var.azure_preshared_keys) : can(regex("^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$", k))]) && length(distinct(values(var.azure_preshared_keys))) == 2)
    error_message = "With an Azure peer, azure_preshared_keys needs the tunnels \"0\" and \"1\", each its own 8-64 letters, digits, '.' or '_', not starting with 0."
  }
}

variable "preshared_keys_version" {
  type        = number
  description = "Version of preshared_keys: the keys are write-only (never stored in state), so bump this to send changed keys."
  default     = 1
  nullable    = false
}

variable "route_priority" {
  type        = number
  description = "Advertised route priority (MED); higher than the private link's so the VPN is only the fallback."
  default     = 1000
}
