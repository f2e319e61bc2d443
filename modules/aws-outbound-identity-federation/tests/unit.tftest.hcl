mock_provider "aws" {
  mock_resource "aws_iam_outbound_web_identity_federation" {
    override_during = plan
    defaults = {
      issuer_identifier = "https://0123abcd-0123-abcd-0123-0123456789ab.tokens.sts.global.api.aws"
    }
  }
}

run "issuer_is_exported" {
  command = plan

  assert {
    condition     = output.issuer == "https://0123abcd-0123-abcd-0123-0123456789ab.tokens.sts.global.api.aws"
    error_message = "The module must export the account's issuer URL for the trusting clouds."
  }
}
