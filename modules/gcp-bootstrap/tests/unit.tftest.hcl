mock_provider "google" {
  mock_resource "google_iam_workload_identity_pool" {
    override_during = plan
    defaults        = { name = "projects/123456789012/locations/global/workloadIdentityPools/acme-ai-prod-ci" }
  }
}

variables {
  project_id        = "acme-ai-prod"
  location          = "US"
  state_bucket_name = "acme-ai-prod-tfstate-123456789012"
  pool_id           = "acme-ai-prod-ci"
  ci_pipelines = {
    plan = {
      provider = "github"
      access   = "plan"
      issuer   = "https://token.actions.githubusercontent.com"
      subject  = "repo:acme/ai-platform:ref:refs/heads/main"
      roles    = ["roles/viewer"]
    }
    apply = {
      provider = "github"
      access   = "apply"
      issuer   = "https://token.actions.githubusercontent.com"
      subject  = "repo:acme/ai-platform:environment:production"
      roles    = []
    }
  }
}

run "state_bucket_is_private_and_versioned" {
  command = plan

  assert {
    condition     = google_storage_bucket.state.public_access_prevention == "enforced" && google_storage_bucket.state.uniform_bucket_level_access
    error_message = "The state bucket must refuse public access and ACLs."
  }

  assert {
    condition     = google_storage_bucket.state.versioning[0].enabled
    error_message = "State must be versioned."
  }
}

run "one_provider_per_issuer_admits_only_the_listed_subjects" {
  command = plan

  assert {
    condition     = keys(google_iam_workload_identity_pool_provider.ci) == ["github"]
    error_message = "One provider per issuer."
  }

  assert {
    condition     = google_iam_workload_identity_pool_provider.ci["github"].attribute_condition == "assertion.sub in [\"repo:acme/ai-platform:environment:production\",\"repo:acme/ai-platform:ref:refs/heads/main\"]"
    error_message = "The provider exchanges only the listed subjects' tokens."
  }
}

run "plan_pipelines_write_only_lock_objects" {
  command = plan

  assert {
    condition     = google_storage_bucket_iam_member.read["plan"].role == "roles/storage.objectViewer" && google_storage_bucket_iam_member.read["apply"].role == "roles/storage.objectUser"
    error_message = "A plan pipeline reads state; an apply pipeline writes it."
  }

  assert {
    condition     = keys(google_storage_bucket_iam_member.lock) == ["plan"] && google_storage_bucket_iam_member.lock["plan"].condition[0].expression == "resource.name.endsWith(\".tflock\")"
    error_message = "A plan pipeline may write lock objects only."
  }

  assert {
    condition     = google_storage_bucket_iam_member.read["plan"].member == "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-ai-prod-ci/subject/repo:acme/ai-platform:ref:refs/heads/main"
    error_message = "Each pipeline is granted as its own subject principal."
  }
}

run "refuses_a_quote_in_a_subject" {
  command = plan

  variables {
    ci_pipelines = {
      x = { provider = "gitlab", access = "plan", issuer = "https://gitlab.com", subject = "a\" || true || \"", roles = [] }
    }
  }

  expect_failures = [var.ci_pipelines]
}
