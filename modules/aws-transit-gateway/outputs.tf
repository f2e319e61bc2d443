output "id" {
  description = "Id of the Transit Gateway (handed to the workload accounts' stacks)."
  value       = aws_ec2_transit_gateway.this.id
}

output "arn" {
  description = "ARN of the Transit Gateway."
  value       = aws_ec2_transit_gateway.this.arn
}

output "resource_share_arn" {
  description = "ARN of the RAM resource share that shares the Transit Gateway."
  value       = aws_ram_resource_share.this.arn
}
