mock_provider "aws" {}

variables {
  issuer_url = "https://eastus2.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/"
}

run "keeps_the_issuer_byte_for_byte" {
  command = plan

  assert {
    condition     = aws_iam_openid_connect_provider.this.url == var.issuer_url
    error_message = "The provider URL must equal the token's iss claim, trailing slash included."
  }

  assert {
    condition     = aws_iam_openid_connect_provider.this.client_id_list == toset(["sts.amazonaws.com"])
    error_message = "Exactly one audience is admitted."
  }

  assert {
    condition     = output.condition_prefix == "eastus2.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/"
    error_message = "Condition keys are the issuer without its scheme."
  }
}

run "refuses_a_plain_http_issuer" {
  command = plan

  variables {
    issuer_url = "http://container.googleapis.com/v1/projects/p/locations/l/clusters/c"
  }

  expect_failures = [var.issuer_url]
}
