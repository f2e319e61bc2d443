mock_provider "aws" {}

variables {
  name           = "estate-prod-vectors"
  principal_arns = ["arn:aws:iam::111122223333:role/estate-prod-router"]
  network = {
    vpc_id                     = "vpc-0a1b2c3d"
    subnet_ids                 = ["subnet-0a1b2c3d"]
    allowed_security_group_ids = ["sg-0a1b2c3d4e5f67890"]
  }
}

run "vector_collection_with_policies" {
  command = plan

  assert {
    condition     = aws_opensearchserverless_collection.this.type == "VECTORSEARCH"
    error_message = "The collection is a vector collection."
  }

  assert {
    condition     = jsondecode(aws_opensearchserverless_access_policy.this.policy)[0].Principal == ["arn:aws:iam::111122223333:role/estate-prod-router"]
    error_message = "Only the given principals get data access."
  }

  assert {
    condition     = jsondecode(aws_opensearchserverless_security_policy.encryption.policy).AWSOwnedKey
    error_message = "The encryption policy covers the collection."
  }
}

run "long_name_is_rejected" {
  command = plan

  variables {
    name = "a-name-that-is-much-too-long-for-aoss"
  }

  expect_failures = [var.name]
}

run "bedrock_reaches_it_privately" {
  command = plan

  variables {
    allowed_services = ["bedrock.amazonaws.com"]
  }

  override_resource {
    target          = aws_opensearchserverless_vpc_endpoint.this
    override_during = plan
    values          = { id = "vpce-0123456789abcdef0" }
  }

  assert {
    condition     = jsondecode(aws_opensearchserverless_security_policy.network.policy)[0].SourceServices == ["bedrock.amazonaws.com"] && !jsondecode(aws_opensearchserverless_security_policy.network.policy)[0].AllowFromPublic
    error_message = "A knowledge base reaches the collection through the service, never from the internet."
  }
}
