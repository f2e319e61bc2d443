# The IAM OIDC identity provider for a Kubernetes cluster outside AWS (a GKE or AKS cluster's service-account token
# issuer), so workload roles can trust that cluster's projected tokens with sts:AssumeRoleWithWebIdentity: no access
# key ever leaves AWS. IAM allows one provider per issuer URL in an account, so the stack creates one per cluster and
# every role of that cluster trusts it, each for its own namespace/service account only. The URL is kept byte for
# byte (an AKS issuer ends in '/', and IAM matches the token's iss claim exactly); AWS secures the JWKS fetch with
# its own trusted CAs, so no thumbprint is pinned.

resource "aws_iam_openid_connect_provider" "this" {
  url            = var.issuer_url
  client_id_list = [var.audience]
  tags           = var.tags
}
