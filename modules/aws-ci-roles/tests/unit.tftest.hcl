mock_provider "aws" {}

variables {
  ci_roles = {
    plan-prs = {
      name                = "acme-ai-prod-ci-plan-prs"
      access              = "plan"
      issuer              = "https://token.actions.githubusercontent.com"
      subject             = "repo:acme/ai-platform:ref:refs/heads/main"
      oidc_provider_arn   = "arn:aws:iam::222233334444:oidc-provider/token.actions.githubusercontent.com"
      managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    }
    apply-prod = {
      name                = "acme-ai-prod-ci-apply-prod"
      access              = "apply"
      issuer              = "https://gitlab.com"
      subject             = "project_path:acme/platform/ai:ref_type:branch:ref:main"
      oidc_provider_arn   = "arn:aws:iam::222233334444:oidc-provider/gitlab.com"
      managed_policy_arns = []
    }
  }
}

run "each_role_admits_one_exact_subject_and_audience" {
  command = plan

  assert {
    condition = jsondecode(aws_iam_role.ci["plan-prs"].assume_role_policy).Statement[0].Condition.StringEquals == {
      "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
      "token.actions.githubusercontent.com:sub" = "repo:acme/ai-platform:ref:refs/heads/main"
    }
    error_message = "The GitHub role must pin audience and the exact subject."
  }

  assert {
    condition     = jsondecode(aws_iam_role.ci["apply-prod"].assume_role_policy).Statement[0].Principal.Federated == "arn:aws:iam::222233334444:oidc-provider/gitlab.com"
    error_message = "The role trusts its own account's provider for the issuer."
  }

  assert {
    condition     = keys(aws_iam_role_policy_attachment.ci) == ["plan-prs arn:aws:iam::aws:policy/ReadOnlyAccess"]
    error_message = "Only the listed policies are attached: the apply role lists none, so it gets none."
  }
}

run "administrator_access_is_refused" {
  command = plan

  variables {
    ci_roles = {
      apply = {
        name                = "acme-ai-prod-ci-apply"
        access              = "apply"
        issuer              = "https://token.actions.githubusercontent.com"
        subject             = "repo:acme/ai-platform:environment:production"
        oidc_provider_arn   = "arn:aws:iam::222233334444:oidc-provider/token.actions.githubusercontent.com"
        managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
      }
    }
  }

  expect_failures = [var.ci_roles]
}

run "a_wildcard_subject_is_refused" {
  command = plan

  variables {
    ci_roles = {
      plan = {
        name                = "acme-ai-prod-ci-plan"
        access              = "plan"
        issuer              = "https://token.actions.githubusercontent.com"
        subject             = "repo:acme/*"
        oidc_provider_arn   = "arn:aws:iam::222233334444:oidc-provider/token.actions.githubusercontent.com"
        managed_policy_arns = []
      }
    }
  }

  expect_failures = [var.ci_roles]
}
