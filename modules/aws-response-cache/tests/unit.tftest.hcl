mock_provider "aws" {}

variables {
  replication_group_id = "estate-prod-cache"
  node_type            = "cache.r7g.large"
  iam_user_id          = "estate-prod-router"
  network = {
    vpc_id                     = "vpc-0a1b2c3d"
    subnet_ids                 = ["subnet-0a1b2c3d", "subnet-0a1b2c3e"]
    allowed_security_group_ids = ["sg-0a1b2c3d4e5f67890"]
  }
}

run "replicated_and_encrypted" {
  command = plan

  assert {
    condition     = aws_elasticache_replication_group.this.num_cache_clusters == 2 && aws_elasticache_replication_group.this.multi_az_enabled
    error_message = "One replica means two nodes, Multi-AZ."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.transit_encryption_enabled
    error_message = "TLS is always on."
  }

  assert {
    condition     = aws_elasticache_user.iam.authentication_mode[0].type == "iam" && aws_elasticache_user.iam.user_name == aws_elasticache_user.iam.user_id
    error_message = "The workload user authenticates with IAM (which needs user_name == user_id)."
  }

  assert {
    condition     = startswith(aws_elasticache_user.default.access_string, "off")
    error_message = "The default user is switched off."
  }

  assert {
    condition     = !strcontains(aws_elasticache_user.iam.access_string, "+@all") && strcontains(aws_elasticache_user.iam.access_string, "-@dangerous")
    error_message = "The workload user gets the cache's data commands, not every command."
  }

  assert {
    condition     = one(aws_security_group.this.ingress).security_groups == toset(["sg-0a1b2c3d4e5f67890"]) && length(one(aws_security_group.this.ingress).cidr_blocks) == 0
    error_message = "The cache admits the callers' security group, not a CIDR range."
  }
}

run "single_node_has_no_failover" {
  command = plan

  variables {
    replicas = 0
  }

  assert {
    condition     = !aws_elasticache_replication_group.this.automatic_failover_enabled
    error_message = "Failover needs a replica."
  }
}

run "uppercase_engine_is_rejected" {
  command = plan

  variables {
    engine = "REDIS"
  }

  expect_failures = [var.engine]
}
