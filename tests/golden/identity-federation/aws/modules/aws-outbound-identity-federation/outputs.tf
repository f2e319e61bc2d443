output "issuer" {
  description = "The account's token issuer URL (https://<id>.tokens.sts.global.api.aws): the issuer other clouds trust."
  value       = aws_iam_outbound_web_identity_federation.this.issuer_identifier
}
