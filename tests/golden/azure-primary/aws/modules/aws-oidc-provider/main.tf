# The IAM OIDC identity provider for a token issuer outside AWS: a GKE or AKS cluster's service-account token issuer,
# or a service's own (Microsoft Sentinel's Entra tenant, for the audit landing), so roles can trust its tokens with
# sts:AssumeRoleWithWebIdentity: no access key ever leaves AWS. IAM allows one provider per issuer URL in an account,
# so the stack creates one per issuer and every role trusting it pins its own subject or session name. The URL is
# kept byte for byte (an AKS or Entra issuer ends in '/', and IAM matches the token's iss claim exactly); AWS secures
# the JWKS fetch with its own trusted CAs, so no thumbprint is pinned.

resource "aws_iam_openid_connect_provider" "this" {
  url            = var.issuer_url
  client_id_list = [var.audience]
  tags           = var.tags
}
