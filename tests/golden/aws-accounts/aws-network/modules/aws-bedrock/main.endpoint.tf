# PrivateLink for bedrock-runtime: model calls from the VPC never leave the AWS network.

resource "aws_security_group" "runtime_endpoint" {
  count = var.runtime_endpoint != null ? 1 : 0

  name        = "${var.name_prefix}-bedrock-runtime"
  description = "HTTPS from the workloads to the bedrock-runtime interface endpoint"
  vpc_id      = var.runtime_endpoint.vpc_id
  tags        = var.tags

  ingress {
    description = "HTTPS from workloads"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    # The callers' own security groups (not the whole VPC range); CIDRs only for callers without one.
    security_groups = var.runtime_endpoint.allowed_security_group_ids
    cidr_blocks     = var.runtime_endpoint.allowed_cidr_blocks
  }
}

resource "aws_vpc_endpoint" "runtime" {
  count = var.runtime_endpoint != null ? 1 : 0

  vpc_id              = var.runtime_endpoint.vpc_id
  service_name        = "com.amazonaws.${var.runtime_endpoint.region}.bedrock-runtime"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.runtime_endpoint.subnet_ids
  security_group_ids  = [aws_security_group.runtime_endpoint[0].id]
  private_dns_enabled = true
  tags                = merge(var.tags, { Name = "${var.name_prefix}-bedrock-runtime" })
}

# Knowledge base queries (Retrieve, RetrieveAndGenerate) go to bedrock-agent-runtime, a separate service name: without
# its own endpoint they would leave the VPC through NAT although model calls stay private.
resource "aws_vpc_endpoint" "agent_runtime" {
  count = var.runtime_endpoint != null ? (var.runtime_endpoint.agent_runtime ? 1 : 0) : 0

  vpc_id              = var.runtime_endpoint.vpc_id
  service_name        = "com.amazonaws.${var.runtime_endpoint.region}.bedrock-agent-runtime"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.runtime_endpoint.subnet_ids
  security_group_ids  = [aws_security_group.runtime_endpoint[0].id]
  private_dns_enabled = true
  tags                = merge(var.tags, { Name = "${var.name_prefix}-bedrock-agent-runtime" })
}
