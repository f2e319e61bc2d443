output "push_endpoint" {
  description = "The URL the Pub/Sub push subscription posts to (the gcp stack's audit_receiver_endpoint)."
  value       = "${aws_apigatewayv2_api.this.api_endpoint}/push"
}

output "writer_role_arn" {
  description = "The one role that writes under the prefix of the log store (the trail module's landing_writers)."
  value       = aws_iam_role.writer.arn
}

output "function_name" {
  description = "The function that admits the pusher's tokens (its log group: /aws/lambda/<name>)."
  value       = aws_lambda_function.this.function_name
}

output "delivery_stream_arn" {
  description = "The Firehose stream the function puts entries into."
  value       = aws_kinesis_firehose_delivery_stream.this.arn
}

output "push_azure_endpoint" {
  description = "The URL the Azure Logic App posts its batches of audit rows to (the azure stack's audit_receiver_endpoint); null without var.azure."
  value       = var.azure == null ? null : "${aws_apigatewayv2_api.this.api_endpoint}/push-azure"
}
