# The workload's only AWS identity: a role bound to one Kubernetes service account. No access keys exist anywhere;
# the pod gets short-lived credentials from EKS Pod Identity or from STS via IRSA, or, for a GKE or AKS cluster
# (trust type oidc), from STS exchanging the pod's projected token signed by that cluster's issuer. A role another
# account's workload assumes (trust type role) trusts exactly that workload's role.

locals {
  # A statement whose resources do not exist yet (e.g. a knowledge base created in a later hand-over step) is left
  # out until they do: IAM refuses a statement without resources.
  statements  = [for s in var.statements : s if length(s.resources) > 0]
  subject     = "system:serviceaccount:${var.trust.namespace}:${var.trust.service_account}"
  issuer_host = contains(["irsa", "oidc"], var.trust.type) ? regex("oidc-provider/(.+)$", var.trust.oidc_provider_arn)[0] : null

  # EKS Pod Identity assumes the role on the pod's behalf: pin it to this account and this cluster, so no other
  # account's or cluster's association can hand the role out (confused deputy).
  pod_identity_trust = {
    Effect    = "Allow"
    Principal = { Service = "pods.eks.amazonaws.com" }
    Action    = ["sts:AssumeRole", "sts:TagSession"]
    Condition = {
      StringEquals = { "aws:SourceAccount" = try(split(":", var.trust.cluster_arn)[4], "unused") }
      ArnEquals    = { "aws:SourceArn" = coalesce(var.trust.cluster_arn, "unused") }
    }
  }
  # IAM groups conditions by operator ({ StringEquals = { "sts:IdentityTokenAudience" = [...] } }); a statement
  # without conditions gets no Condition key at all (the filtered one-entry map is empty).
  conditions = [for s in local.statements : { for k, v in {
    Condition = { for test, keys in { for c in s.conditions : c.test => { (c.variable) = c.values }... } : test => merge(keys...) }
  } : k => v if length(s.conditions) > 0 }]

  # IRSA and a foreign cluster's issuer differ only in who created the OIDC provider: one subject, one audience.
  irsa_trust = {
    Effect    = "Allow"
    Principal = { Federated = var.trust.oidc_provider_arn }
    Action    = "sts:AssumeRoleWithWebIdentity"
    Condition = {
      StringEquals = {
        "${coalesce(local.issuer_host, "unused")}:sub" = local.subject
        "${coalesce(local.issuer_host, "unused")}:aud" = "sts.amazonaws.com"
      }
    }
  }

  # Another account's workload: exactly its role, by ARN, as principal and as aws:PrincipalArn (never the account
  # root, which would let any role there that is granted sts:AssumeRole in its own account in). A caller on EKS Pod
  # Identity carries Pod Identity's session tags, which are transitive: its chained AssumeRole also needs
  # sts:TagSession, or STS refuses it.
  role_trust = {
    Effect    = "Allow"
    Principal = { AWS = coalesce(var.trust.role_arn, "unused") }
    Action    = concat(["sts:AssumeRole"], var.trust.session_tags ? ["sts:TagSession"] : [])
    Condition = { ArnEquals = { "aws:PrincipalArn" = coalesce(var.trust.role_arn, "unused") } }
  }
  trust_policies = {
    pod_identity = jsonencode({ Version = "2012-10-17", Statement = [local.pod_identity_trust] })
    role         = jsonencode({ Version = "2012-10-17", Statement = [local.role_trust] })
  }
  description = (var.trust.type == "role" ?
    "Role ${local.subject} on ${var.trust.cluster_name} assumes from ${coalesce(var.trust.role_arn, "unused")} (managed by mcai)" :
  "Workload role for ${local.subject} on ${var.trust.cluster_name} (managed by mcai)")
}

resource "aws_iam_role" "this" {
  name                 = var.role_name
  description          = local.description
  max_session_duration = 3600
  assume_role_policy = lookup(local.trust_policies, var.trust.type,
  jsonencode({ Version = "2012-10-17", Statement = [local.irsa_trust] }))
  tags = var.tags
}

# A role that only federates into other clouds needs no permissions in AWS, hence no policy at all.
resource "aws_iam_role_policy" "this" {
  count = length(local.statements) > 0 ? 1 : 0

  name = "least-privilege"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for i, s in local.statements : merge({
      Sid      = s.sid
      Effect   = "Allow"
      Action   = s.actions
      Resource = s.resources
    }, local.conditions[i])]
  })
}

moved {
  from = aws_iam_role_policy.this
  to   = aws_iam_role_policy.this[0]
}

resource "aws_eks_pod_identity_association" "this" {
  count = var.trust.type == "pod_identity" ? 1 : 0

  cluster_name    = var.trust.cluster_name
  namespace       = var.trust.namespace
  service_account = var.trust.service_account
  role_arn        = aws_iam_role.this.arn
  tags            = var.tags
}
