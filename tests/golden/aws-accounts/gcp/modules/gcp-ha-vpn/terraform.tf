terraform {
  required_version = ">= 1.11" # write-only arguments (shared_secret_wo)

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 7.40, < 9.0"
    }
  }
}
