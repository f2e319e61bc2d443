output "resolver_endpoint_id" {
  description = "Id of the outbound Resolver endpoint (null without forwarding rules)."
  value       = one(aws_route53_resolver_endpoint.this[*].id)
}

output "forwarded_domains" {
  description = "Domains forwarded to another cloud's resolver."
  value       = sort(keys(aws_route53_resolver_rule.this))
}
