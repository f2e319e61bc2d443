mock_provider "google" {
  mock_resource "google_iam_workload_identity_pool" {
    override_during = plan
    defaults        = { name = "projects/123456789012/locations/global/workloadIdentityPools/acme-ai-prod-ci" }
  }
}

variables {
  project_id = "acme-ai-prod"
  pool_id    = "acme-ai-prod-ci"
  ci_pipelines = {
    plan = {
      provider = "github"
      access   = "plan"
      issuer   = "https://token.actions.githubusercontent.com"
      subject  = "repo:acme/ai-platform:ref:refs/heads/main"
      roles    = ["roles/aiplatform.viewer"]
    }
    apply = {
      provider = "gitlab"
      access   = "apply"
      issuer   = "https://gitlab.com"
      subject  = "project_path:acme/platform/ai:ref_type:branch:ref:main"
      roles    = []
    }
  }
}

run "only_the_listed_subjects_are_exchanged_and_each_is_its_own_principal" {
  command = plan

  assert {
    condition     = google_iam_workload_identity_pool_provider.ci["github"].attribute_condition == "assertion.sub in [\"repo:acme/ai-platform:ref:refs/heads/main\"]"
    error_message = "The GitHub provider admits exactly the listed subject."
  }

  assert {
    condition     = google_iam_workload_identity_pool_provider.ci["gitlab"].oidc[0].issuer_uri == "https://gitlab.com"
    error_message = "The GitLab provider trusts GitLab's issuer."
  }

  assert {
    condition     = google_project_iam_member.ci["plan roles/aiplatform.viewer"].member == "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-ai-prod-ci/subject/repo:acme/ai-platform:ref:refs/heads/main"
    error_message = "The role is granted to the pipeline's own principal (no service account)."
  }

  assert {
    condition     = keys(google_project_iam_member.ci) == ["plan roles/aiplatform.viewer"]
    error_message = "Only the listed roles are granted: the apply pipeline lists none, so it gets none."
  }
}

run "primitive_roles_are_refused" {
  command = plan

  variables {
    ci_pipelines = {
      apply = { provider = "github", access = "apply", issuer = "https://token.actions.githubusercontent.com", subject = "repo:acme/ai:environment:prod", roles = ["roles/editor"] }
    }
  }

  expect_failures = [var.ci_pipelines]
}
