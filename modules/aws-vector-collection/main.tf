# A vector collection for retrieval, next to the documents (embeddings close to the vector store). OpenSearch
# Serverless refuses to create a collection before its encryption policy exists, and serves no data before the
# network and access policies exist: the depends_on chain below encodes that order.

resource "aws_opensearchserverless_security_policy" "encryption" {
  name = var.name
  type = "encryption"
  policy = jsonencode({
    Rules       = [{ ResourceType = "collection", Resource = ["collection/${var.name}"] }]
    AWSOwnedKey = true
  })
}

resource "aws_security_group" "this" {
  name        = "${var.name}-aoss"
  description = "HTTPS from the workloads to the OpenSearch Serverless VPC endpoint"
  vpc_id      = var.network.vpc_id
  tags        = var.tags

  ingress {
    description = "HTTPS from workloads"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    # The callers' own security groups (not the whole VPC range); CIDRs only for callers without one.
    security_groups = var.network.allowed_security_group_ids
    cidr_blocks     = var.network.allowed_cidr_blocks
  }
}

resource "aws_opensearchserverless_vpc_endpoint" "this" {
  name               = var.name
  vpc_id             = var.network.vpc_id
  subnet_ids         = var.network.subnet_ids
  security_group_ids = [aws_security_group.this.id]
}

resource "aws_opensearchserverless_security_policy" "network" {
  name = var.name
  type = "network"
  # AWS services named in allowed_services (e.g. bedrock.amazonaws.com for a knowledge base) reach the collection
  # privately too; nothing reaches it from the internet.
  policy = jsonencode([merge({
    Rules = [
      { ResourceType = "collection", Resource = ["collection/${var.name}"] },
      { ResourceType = "dashboard", Resource = ["collection/${var.name}"] },
    ]
    AllowFromPublic = false
    SourceVPCEs     = [aws_opensearchserverless_vpc_endpoint.this.id]
  }, length(var.allowed_services) > 0 ? { SourceServices = var.allowed_services } : {})])
}

resource "aws_opensearchserverless_collection" "this" {
  name             = var.name
  type             = "VECTORSEARCH"
  description      = "Vector store (managed by mcai)"
  standby_replicas = var.standby_replicas ? "ENABLED" : "DISABLED"
  tags             = var.tags

  depends_on = [aws_opensearchserverless_security_policy.encryption]

  # The indexed vectors are lost with the collection (re-embedding the corpus costs time and money).
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_opensearchserverless_access_policy" "this" {
  name = var.name
  type = "data"
  policy = jsonencode([{
    Rules = [
      {
        ResourceType = "collection"
        Resource     = ["collection/${var.name}"]
        Permission   = ["aoss:DescribeCollectionItems"]
      },
      {
        ResourceType = "index"
        Resource     = ["index/${var.name}/*"]
        Permission   = ["aoss:CreateIndex", "aoss:DescribeIndex", "aoss:ReadDocument", "aoss:WriteDocument", "aoss:UpdateIndex"]
      },
    ]
    Principal = var.principal_arns
  }])

  depends_on = [aws_opensearchserverless_security_policy.network]
}
