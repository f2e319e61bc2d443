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

variable "sentinel" {
  type = object({
    aws_s3 = optional(map(object({
      role_arn = optional(string)
      sqs_url  = string
    })), {})
  })
  description = "Microsoft Sentinel on the Log Analytics workspace, with one Amazon Web Services S3 connector per entry of aws_s3 (connector name => the AWS account's OIDC_ role Sentinel assumes, null until the aws stack has created it, and the SQS queue announcing its CloudTrail files), landing in the AWSCloudTrail table. Null: no Sentinel."
  default     = null

  validation {
    condition     = var.sentinel == null || alltrue([for k, c in try(var.sentinel.aws_s3, {}) : (c.role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/OIDC_[\\w+=,.@-]+$", c.role_arn))) && can(regex("^https://sqs\\.[a-z0-9-]+\\.amazonaws\\.com/[0-9]{12}/[A-Za-z0-9_-]{1,80}$", c.sqs_url))])
    error_message = "Each sentinel.aws_s3 entry needs an IAM role ARN whose name starts with OIDC_ and an SQS queue URL."
  }

  validation {
    condition     = var.sentinel == null || alltrue([for k in keys(try(var.sentinel.aws_s3, {})) : can(regex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$", k))])
    error_message = "Each sentinel.aws_s3 key (the connector name) must be 1-63 letters, digits, '_', '.' or '-'."
  }
}
