# The response cache: repeated prompts are answered here, so they cross no cloud boundary. Access is IAM only:
# the default user is switched off and no password or auth token exists in code or state.

locals {
  engine_version = coalesce(var.engine_version, var.engine == "valkey" ? "8.0" : "7.1")
  port           = 6379
  # The least a response cache needs: read and write keys (GET/SET with expiry, DEL, TTL...), connect and ping. No
  # admin, scripting, pub/sub, blocking or dangerous commands (KEYS, FLUSHALL, CONFIG, ...).
  access_string = "on ~* -@all +@read +@write -@dangerous -@blocking -@pubsub -@scripting -@admin +ping +hello +auth"
}

resource "aws_elasticache_subnet_group" "this" {
  name        = var.replication_group_id
  description = "Subnets of the mcai response cache"
  subnet_ids  = var.network.subnet_ids
  tags        = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.replication_group_id}-cache"
  description = "Cache port from the workloads only"
  vpc_id      = var.network.vpc_id
  tags        = var.tags

  ingress {
    description = "TLS cache connections from workloads"
    from_port   = local.port
    to_port     = local.port
    protocol    = "tcp"
    # The callers' own security groups (not the whole VPC range); CIDRs only for callers without one.
    security_groups = var.network.allowed_security_group_ids
    cidr_blocks     = var.network.allowed_cidr_blocks
  }
}

# ElastiCache requires a user named "default" in every user group; this one is disabled.
resource "aws_elasticache_user" "default" {
  user_id       = "${var.replication_group_id}-default"
  user_name     = "default"
  engine        = var.engine
  access_string = "off -@all"
  tags          = var.tags

  authentication_mode {
    type = "no-password-required"
  }
}

resource "aws_elasticache_user" "iam" {
  user_id       = var.iam_user_id
  user_name     = var.iam_user_id
  engine        = var.engine
  access_string = local.access_string
  tags          = var.tags

  authentication_mode {
    type = "iam"
  }
}

resource "aws_elasticache_user_group" "this" {
  user_group_id = "${var.replication_group_id}-users"
  engine        = var.engine
  user_ids      = [aws_elasticache_user.default.user_id, aws_elasticache_user.iam.user_id]
  tags          = var.tags
}

resource "aws_elasticache_replication_group" "this" {
  #checkov:skip=CKV2_AWS_50:Multi-AZ failover follows var.replicas (on with one or more replicas); checkov cannot evaluate it
  #checkov:skip=CKV_AWS_191:Encrypted at rest with the ElastiCache-managed key; cached answers are short-lived copies
  replication_group_id       = var.replication_group_id
  description                = "mcai response cache"
  engine                     = var.engine
  engine_version             = local.engine_version
  node_type                  = var.node_type
  port                       = local.port
  num_cache_clusters         = var.replicas + 1
  automatic_failover_enabled = var.replicas > 0
  multi_az_enabled           = var.replicas > 0
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.this.user_group_id]
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [aws_security_group.this.id]
  snapshot_retention_limit   = 1
  tags                       = var.tags
}
