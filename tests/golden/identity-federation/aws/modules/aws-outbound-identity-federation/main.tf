# AWS IAM outbound identity federation: lets IAM roles in this account ask STS (`sts:GetWebIdentityToken`) for a
# short-lived, RS256/ES384-signed JWT whose subject is the role ARN, so Entra ID or Google can trust the role itself
# without any stored key. Who may ask, and for which audience, is decided by each role's own policy.
#
# This is an account-wide switch: creating the resource enables the feature for the whole account and destroying it
# disables it for every role that relies on it, other stacks' included. So it refuses destroy: when it leaves a
# configuration, use a `removed` block with `lifecycle { destroy = false }` (the feature stays on) rather than
# deleting it. Tokens come from regional STS endpoints only.

resource "aws_iam_outbound_web_identity_federation" "this" {
  lifecycle {
    prevent_destroy = true
  }
}
