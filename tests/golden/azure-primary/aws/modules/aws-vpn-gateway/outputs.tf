output "id" {
  description = "Id of the virtual private gateway."
  value       = aws_vpn_gateway.this.id
}

output "amazon_side_asn" {
  description = "BGP ASN of the AWS side."
  value       = aws_vpn_gateway.this.amazon_side_asn
}
