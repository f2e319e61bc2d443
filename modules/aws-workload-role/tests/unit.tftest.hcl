mock_provider "aws" {}

variables {
  role_name = "estate-prod-router"
  trust = {
    type            = "pod_identity"
    cluster_name    = "ai-platform"
    namespace       = "router"
    service_account = "router"
    cluster_arn     = "arn:aws:eks:us-east-1:111122223333:cluster/ai-platform"
  }
  statements = [{
    sid       = "InvokeModels"
    actions   = ["bedrock:InvokeModel"]
    resources = ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"]
  }]
}

run "pod_identity_binds_the_service_account" {
  command = plan

  assert {
    condition     = aws_eks_pod_identity_association.this[0].namespace == "router"
    error_message = "The association must bind the given namespace."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Principal.Service == "pods.eks.amazonaws.com"
    error_message = "Pod Identity roles are assumed by pods.eks.amazonaws.com."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.ArnEquals["aws:SourceArn"] == "arn:aws:eks:us-east-1:111122223333:cluster/ai-platform"
    error_message = "Only this cluster's Pod Identity may assume the role."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "111122223333"
    error_message = "Only this account's Pod Identity may assume the role."
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.this[0].policy).Statement[0].Action == ["bedrock:InvokeModel"]
    error_message = "The policy must carry exactly the given actions."
  }
}

run "irsa_pins_the_subject" {
  command = plan

  variables {
    trust = {
      type              = "irsa"
      cluster_name      = "ai-platform"
      namespace         = "router"
      service_account   = "router"
      oidc_provider_arn = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
    }
  }

  assert {
    condition     = length(aws_eks_pod_identity_association.this) == 0
    error_message = "IRSA needs no Pod Identity association."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.StringEquals["oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub"] == "system:serviceaccount:router:router"
    error_message = "IRSA trust must pin the service account subject."
  }
}

run "pod_identity_needs_the_cluster_arn" {
  command = plan

  variables {
    trust = {
      type            = "pod_identity"
      cluster_name    = "ai-platform"
      namespace       = "router"
      service_account = "router"
    }
  }

  expect_failures = [var.trust]
}

run "wildcard_actions_are_rejected" {
  command = plan

  variables {
    statements = [{ sid = "All", actions = ["bedrock:*"], resources = ["*"] }]
  }

  expect_failures = [var.statements]
}

run "irsa_needs_a_provider" {
  command = plan

  variables {
    trust = { type = "irsa", cluster_name = "c", namespace = "n", service_account = "s" }
  }

  expect_failures = [var.trust]
}

run "conditions_render_under_their_operator" {
  command = plan

  variables {
    statements = [{
      sid        = "FederateToAzure"
      actions    = ["sts:GetWebIdentityToken"]
      resources  = ["*"]
      conditions = [{ test = "StringEquals", variable = "sts:IdentityTokenAudience", values = ["api://AzureADTokenExchange"] }]
    }]
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.this[0].policy).Statement[0].Condition.StringEquals["sts:IdentityTokenAudience"] == ["api://AzureADTokenExchange"]
    error_message = "A condition must land under its operator and key."
  }
}

run "no_statements_means_no_policy" {
  command = plan

  variables {
    statements = []
  }

  assert {
    condition     = length(aws_iam_role_policy.this) == 0 && aws_iam_role.this.name == "estate-prod-router"
    error_message = "A role that only federates elsewhere has no policy."
  }
}

run "a_foreign_cluster_issuer_pins_subject_and_audience" {
  command = plan

  variables {
    trust = {
      type              = "oidc"
      cluster_name      = "ai-platform"
      namespace         = "router"
      service_account   = "router"
      oidc_provider_arn = "arn:aws:iam::111122223333:oidc-provider/container.googleapis.com/v1/projects/acme-ai-prod/locations/us-east4/clusters/ai-platform"
    }
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.StringEquals["container.googleapis.com/v1/projects/acme-ai-prod/locations/us-east4/clusters/ai-platform:sub"] == "system:serviceaccount:router:router"
    error_message = "The trust must pin the one namespace/service account of the GKE cluster."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.StringEquals["container.googleapis.com/v1/projects/acme-ai-prod/locations/us-east4/clusters/ai-platform:aud"] == "sts.amazonaws.com"
    error_message = "The trust must pin the audience."
  }

  assert {
    condition     = length(aws_eks_pod_identity_association.this) == 0
    error_message = "A foreign cluster gets no Pod Identity association."
  }
}

run "oidc_needs_a_provider" {
  command = plan

  variables {
    trust = { type = "oidc", cluster_name = "c", namespace = "n", service_account = "s" }
  }

  expect_failures = [var.trust]
}

run "statements_without_resources_wait" {
  command = plan

  variables {
    statements = [
      { sid = "InvokeModels", actions = ["bedrock:InvokeModel"], resources = ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"] },
      { sid = "RetrieveDocs", actions = ["bedrock:Retrieve"], resources = [] },
    ]
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.this[0].policy).Statement : s.Sid] == ["InvokeModels"]
    error_message = "A statement whose resource does not exist yet is left out, not rendered empty."
  }
}

run "only_waiting_statements_means_no_policy" {
  command = plan

  variables {
    statements = [{ sid = "RetrieveDocs", actions = ["bedrock:Retrieve"], resources = [] }]
  }

  assert {
    condition     = length(aws_iam_role_policy.this) == 0
    error_message = "No policy until a statement has a resource."
  }
}

run "role_trusts_exactly_the_callers_role" {
  command = plan

  variables {
    trust = {
      type            = "role"
      cluster_name    = "ai-platform"
      namespace       = "router"
      service_account = "router"
      role_arn        = "arn:aws:iam::222233334444:role/estate-prod-router"
      session_tags    = true
    }
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Principal == { AWS = "arn:aws:iam::222233334444:role/estate-prod-router" }
    error_message = "Only the caller's role (by ARN, never its account root) may assume the role."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.ArnEquals["aws:PrincipalArn"] == "arn:aws:iam::222233334444:role/estate-prod-router"
    error_message = "aws:PrincipalArn must pin the caller's role."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Action == ["sts:AssumeRole", "sts:TagSession"] && length(aws_eks_pod_identity_association.this) == 0
    error_message = "A Pod Identity caller assumes the role with its transitive session tags, and no pod is bound to it here."
  }
}

run "role_refuses_a_wildcard_principal" {
  command = plan

  variables {
    trust = {
      type            = "role"
      cluster_name    = "ai-platform"
      namespace       = "router"
      service_account = "router"
      role_arn        = "arn:aws:iam::222233334444:role/*"
    }
  }

  expect_failures = [var.trust]
}
