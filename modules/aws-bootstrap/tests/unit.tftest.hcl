mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "111122223333" }
  }
  mock_resource "aws_s3_bucket" {
    override_during = plan
    defaults        = { arn = "arn:aws:s3:::acme-ai-prod-tfstate-111122223333" }
  }
  mock_resource "aws_kms_key" {
    override_during = plan
    defaults        = { arn = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000" }
  }
}

variables {
  state_bucket_name = "acme-ai-prod-tfstate-111122223333"
  state_key_prefix  = "acme-ai/prod/"
  ci_roles = {
    plan-prs = {
      name                = "acme-ai-prod-ci-plan-prs"
      access              = "plan"
      issuer              = "https://token.actions.githubusercontent.com"
      subject             = "repo:acme/ai-platform:ref:refs/heads/main"
      oidc_provider_arn   = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
      managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    }
    apply-prod = {
      name                = "acme-ai-prod-ci-apply-prod"
      access              = "apply"
      issuer              = "https://gitlab.com"
      subject             = "project_path:acme/platform/ai:ref_type:branch:ref:main"
      oidc_provider_arn   = "arn:aws:iam::111122223333:oidc-provider/gitlab.com"
      managed_policy_arns = []
    }
  }
}

run "state_bucket_is_private_versioned_and_encrypted_with_its_key" {
  command = plan

  assert {
    condition = alltrue([aws_s3_bucket_public_access_block.state.block_public_acls, aws_s3_bucket_public_access_block.state.block_public_policy,
    aws_s3_bucket_public_access_block.state.ignore_public_acls, aws_s3_bucket_public_access_block.state.restrict_public_buckets])
    error_message = "Every public access switch must be blocked."
  }

  assert {
    condition     = aws_s3_bucket_versioning.state.versioning_configuration[0].status == "Enabled"
    error_message = "State must be versioned."
  }

  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.state.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
    error_message = "State is encrypted with the bucket's KMS key."
  }

  assert {
    condition     = aws_kms_key.state.enable_key_rotation
    error_message = "The state key rotates."
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
    condition     = jsondecode(aws_iam_role.ci["apply-prod"].assume_role_policy).Statement[0].Condition.StringEquals["gitlab.com:sub"] == "project_path:acme/platform/ai:ref_type:branch:ref:main"
    error_message = "The GitLab role must pin the exact project, ref type and branch."
  }

  assert {
    condition     = length(aws_iam_role_policy_attachment.ci) == 1
    error_message = "Only the listed managed policies are attached."
  }
}

run "plan_roles_write_only_the_lock_apply_roles_write_state" {
  command = plan

  assert {
    condition     = jsondecode(aws_iam_role_policy.state["plan-prs"].policy).Statement[2].Resource == "arn:aws:s3:::acme-ai-prod-tfstate-111122223333/acme-ai/prod/*.tflock"
    error_message = "A plan role may write the lock file only."
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.state["apply-prod"].policy).Statement[2].Resource == "arn:aws:s3:::acme-ai-prod-tfstate-111122223333/acme-ai/prod/*"
    error_message = "An apply role writes this estate's state only."
  }
}

run "refuses_a_wildcard_subject" {
  command = plan

  variables {
    ci_roles = {
      any = {
        name                = "x"
        access              = "apply"
        issuer              = "https://token.actions.githubusercontent.com"
        subject             = "repo:acme/*"
        oidc_provider_arn   = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
        managed_policy_arns = []
      }
    }
  }

  expect_failures = [var.ci_roles]
}
