mock_provider "google" {
  mock_resource "google_iam_workload_identity_pool" {
    override_during = plan
    defaults = {
      name = "projects/123456789012/locations/global/workloadIdentityPools/router-prod"
    }
  }
}

variables {
  project_id   = "acme-ai-prod"
  pool_id      = "router-prod"
  provider_id  = "aws-111122223333"
  display_name = "estate-prod router"
  aws          = { account_id = "111122223333", role_name = "estate-prod-router" }
}

run "aws_provider_pins_the_role" {
  command = plan

  assert {
    condition     = google_iam_workload_identity_pool_provider.this.attribute_condition == "attribute.aws_role == \"arn:aws:sts::111122223333:assumed-role/estate-prod-router\""
    error_message = "The condition must admit only sessions of the workload's role."
  }

  assert {
    condition     = google_iam_workload_identity_pool_provider.this.attribute_mapping["google.subject"] == "assertion.arn"
    error_message = "google.subject must be mapped (required with any custom mapping)."
  }

  assert {
    condition     = google_iam_workload_identity_pool_provider.this.aws[0].account_id == "111122223333"
    error_message = "The provider must trust the workload's AWS account."
  }

  assert {
    condition     = length(google_iam_workload_identity_pool_provider.this.oidc) == 0
    error_message = "An AWS provider has no OIDC source."
  }

  assert {
    condition     = output.principal == "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/router-prod/attribute.aws_role/arn:aws:sts::111122223333:assumed-role/estate-prod-router"
    error_message = "The principal set must select the role attribute."
  }

  assert {
    condition     = length(google_project_iam_member.direct) == 0
    error_message = "Without direct grants nothing is granted to the principal."
  }
}

run "oidc_provider_pins_the_service_account" {
  command = plan

  variables {
    provider_id = "eks-oidc"
    aws         = null
    oidc = {
      issuer_uri = "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
      subject    = "system:serviceaccount:router:router"
    }
    direct_grants = {
      project_roles     = ["roles/aiplatform.user"]
      bigquery_datasets = { analytics = { dataset_id = "estate_prod_analytics", role = "roles/bigquery.dataEditor" } }
    }
  }

  assert {
    condition     = google_iam_workload_identity_pool_provider.this.attribute_condition == "assertion.sub == \"system:serviceaccount:router:router\""
    error_message = "The condition must admit only the workload's service account."
  }

  assert {
    condition     = google_iam_workload_identity_pool_provider.this.oidc[0].issuer_uri == "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
    error_message = "The provider must trust the cluster's issuer."
  }

  assert {
    condition     = google_bigquery_dataset_iam_member.direct["analytics"].member == "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/router-prod/subject/system:serviceaccount:router:router"
    error_message = "Direct grants go to the single federated principal."
  }

  assert {
    condition     = google_project_iam_member.direct["roles/aiplatform.user"].role == "roles/aiplatform.user"
    error_message = "Project roles are granted as given."
  }
}

run "more_clusters_get_a_provider_each_for_the_same_subject" {
  command = plan

  variables {
    provider_id = "eks-oidc"
    aws         = null
    oidc = {
      issuer_uri = "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
      subject    = "system:serviceaccount:router:router"
    }
    more_oidc_issuers = { "eks-1a2b3c4d" = "https://oidc.eks.us-west-2.amazonaws.com/id/FEDCBA9876543210FEDCBA9876543210" }
  }

  assert {
    condition     = google_iam_workload_identity_pool_provider.more["eks-1a2b3c4d"].oidc[0].issuer_uri == "https://oidc.eks.us-west-2.amazonaws.com/id/FEDCBA9876543210FEDCBA9876543210"
    error_message = "The other cluster's issuer gets a provider of its own."
  }

  assert {
    condition     = google_iam_workload_identity_pool_provider.more["eks-1a2b3c4d"].attribute_condition == google_iam_workload_identity_pool_provider.this.attribute_condition
    error_message = "Every provider admits the same service account only."
  }
}

run "more_issuers_need_oidc" {
  command = plan

  variables {
    more_oidc_issuers = { "eks-1a2b3c4d" = "https://issuer.example.com" }
  }

  expect_failures = [var.more_oidc_issuers]
}

run "reserved_prefix_is_refused" {
  command = plan

  variables {
    pool_id = "gcp-router"
  }

  expect_failures = [var.pool_id]
}

run "both_sources_are_refused" {
  command = plan

  variables {
    oidc = { issuer_uri = "https://issuer.example.com", subject = "s" }
  }

  expect_failures = [var.oidc]
}

run "primitive_roles_are_refused" {
  command = plan

  variables {
    direct_grants = { project_roles = ["roles/editor"] }
  }

  expect_failures = [var.direct_grants]
}
