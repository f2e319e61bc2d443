variable "project_id" {
  type        = string
  description = "Project that holds the endpoints."
  nullable    = false
}

variable "endpoints" {
  type = map(object({
    name                    = string
    display_name            = string
    location                = string
    description             = optional(string, "")
    private_service_connect = optional(bool, false)
    kms_key_name            = optional(string)
    logging = optional(object({
      sampling_rate = number
      output_uri    = string
    }))
    psc_consumer = optional(object({
      name               = string
      network            = string
      subnetwork         = string
      service_attachment = optional(string)
    }))
  }))
  description = <<-EOT
    Endpoints keyed by model name. Required per item: name (the numeric endpoint id), display_name, location (a
    region). Optional: description, private_service_connect (default false), kms_key_name, logging { sampling_rate,
    output_uri (bq://<project>.<dataset>.<new table>) }, psc_consumer { name, network, subnetwork,
    service_attachment (of the deployed model; the consumer forwarding rule is created once it is set) }.
  EOT
  nullable    = false

  validation {
    condition     = alltrue([for e in values(var.endpoints) : can(regex("^[1-9][0-9]{0,9}$", e.name))])
    error_message = "Each endpoint name must be its numeric id: 1-10 digits without a leading zero."
  }

  validation {
    condition     = alltrue([for e in values(var.endpoints) : length(e.display_name) >= 1 && length(e.display_name) <= 128])
    error_message = "Each display_name must be 1-128 characters."
  }

  validation {
    condition     = alltrue([for e in values(var.endpoints) : e.psc_consumer == null || e.private_service_connect])
    error_message = "psc_consumer needs private_service_connect = true."
  }

  validation {
    condition     = alltrue([for e in values(var.endpoints) : e.location != "global"])
    error_message = "Endpoints live in a region; global is only for publisher models."
  }

  validation {
    condition     = alltrue([for e in values(var.endpoints) : e.logging == null || try(e.logging.sampling_rate > 0 && e.logging.sampling_rate <= 1 && startswith(e.logging.output_uri, "bq://"), false)])
    error_message = "logging.sampling_rate must be in (0, 1] and logging.output_uri must be a bq:// URI."
  }
}

variable "labels" {
  type        = map(string)
  description = "Extra labels (the provider's default_labels already carry the estate tags)."
  default     = {}
  nullable    = false
}
