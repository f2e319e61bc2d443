output "id" {
  description = "Id of the Transit Gateway VPC attachment."
  value       = aws_ec2_transit_gateway_vpc_attachment.this.id
}
