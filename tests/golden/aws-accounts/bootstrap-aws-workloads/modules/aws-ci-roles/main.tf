# CI roles in an AWS account that does not hold the estate's Terraform state (another cloud is the control plane, or
# this is another account of the control plane's cloud): one IAM role per CI pipeline, assumed with the pipeline's
# own OIDC token (GitHub Actions or GitLab), admitting exactly one token subject (one repository and one branch or
# environment) and the audience sts.amazonaws.com. No access key exists anywhere. The role's rights in this account
# are the managed policies it is given, nothing else; its state access is granted by the control plane's bootstrap.

locals {
  attachments = merge([for role, r in var.ci_roles : {
    for arn in r.managed_policy_arns : "${role} ${arn}" => { role = role, arn = arn }
  }]...)
}

resource "aws_iam_role" "ci" {
  for_each = var.ci_roles

  name                 = each.value.name
  description          = "CI ${each.key} (${each.value.access}): ${each.value.subject} (managed by mcai)"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = each.value.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${trimprefix(each.value.issuer, "https://")}:aud" = "sts.amazonaws.com"
          "${trimprefix(each.value.issuer, "https://")}:sub" = each.value.subject
        }
      }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "ci" {
  for_each = local.attachments

  role       = aws_iam_role.ci[each.value.role].name
  policy_arn = each.value.arn
}
