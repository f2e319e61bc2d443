variable "resource_group_name" {
  type        = string
  description = "Name of the resource group created for the stack (1-90 letters, digits and _ ( ) . -, not ending with '.')."
  nullable    = false

  validation {
    condition     = can(regex("^[-\\w().]{0,89}[-\\w()]$", var.resource_group_name))
    error_message = "resource_group_name must be 1-90 letters, digits and _ ( ) . -, not ending with '.'."
  }
}

variable "location" {
  type        = string
  description = "Azure location of every resource, e.g. eastus2."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure location name like eastus2 (lowercase, no spaces)."
  }
}

variable "virtual_network" {
  type = object({
    name                    = string
    address_space           = list(string)
    private_endpoint_subnet = string
  })
  description = <<-EOT
    The VNet to create. Required: name, address_space (IPv4 CIDRs), private_endpoint_subnet (a CIDR inside the
    address space that hosts private endpoints; a /26 leaves the rest of the range for later subnets).
  EOT
  nullable    = false

  validation {
    condition     = length(var.virtual_network.address_space) > 0 && alltrue([for c in var.virtual_network.address_space : can(cidrhost(c, 0))])
    error_message = "virtual_network.address_space must hold at least one IPv4 CIDR block."
  }

  validation {
    condition     = can(cidrhost(var.virtual_network.private_endpoint_subnet, 0))
    error_message = "virtual_network.private_endpoint_subnet must be a CIDR block."
  }
}

variable "private_dns_zones" {
  type        = list(string)
  description = "Private DNS zones to create and link to the VNet (e.g. privatelink.openai.azure.com)."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for z in var.private_dns_zones : can(regex("^privatelink\\.[a-z0-9.-]+[a-z]$", z))])
    error_message = "Each private DNS zone must be a privatelink.* zone name."
  }
}

variable "log_analytics" {
  type = object({
    name           = string
    retention_days = number
  })
  description = "Log Analytics workspace for diagnostics. Required: name (4-63 letters, digits, hyphens), retention_days (30-730)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$", var.log_analytics.name))
    error_message = "log_analytics.name must be 4-63 letters, digits and hyphens, starting and ending with a letter or digit."
  }

  validation {
    condition     = var.log_analytics.retention_days >= 30 && var.log_analytics.retention_days <= 730
    error_message = "log_analytics.retention_days must be between 30 and 730."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource (azurerm has no provider-level default tags)."
  default     = {}
  nullable    = false
}
