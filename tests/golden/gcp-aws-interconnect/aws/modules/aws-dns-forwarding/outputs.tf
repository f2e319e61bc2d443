output "resolver_endpoint_id" {
  description = "Id of the outbound Resolver endpoint (null without forwarding rules)."
  value       = one(aws_route53_resolver_endpoint.this[*].id)
}

output "forwarded_domains" {
  description = "Domains forwarded to another cloud's resolver."
  value       = sort(keys(aws_route53_resolver_rule.this))
}

output "inbound_addresses" {
  description = "Addresses of the inbound Resolver endpoint (empty without one): the other clouds forward this VPC's private names here."
  value       = sort(flatten([for e in aws_route53_resolver_endpoint.inbound : [for ip in e.ip_address : ip.ip]]))
}

output "resolver_rule_ids" {
  description = "Domain name -> id of each forwarding rule (empty while forwarding is off): the other accounts' input shared_rule_ids."
  value       = { for domain, rule in aws_route53_resolver_rule.this : domain => rule.id }
}
