mock_provider "aws" {
  mock_resource "aws_s3_bucket" {
    override_during = plan
    defaults        = { arn = "arn:aws:s3:::acme-prod-audit-trail-111122223333", id = "acme-prod-audit-trail-111122223333" }
  }
  mock_resource "aws_sqs_queue" {
    override_during = plan
    defaults        = { arn = "arn:aws:sqs:us-east-1:111122223333:acme-prod-audit-sentinel", id = "https://sqs.us-east-1.amazonaws.com/111122223333/acme-prod-audit-sentinel" }
  }
  mock_resource "aws_kms_key" {
    override_during = plan
    defaults        = { arn = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000" }
  }
}

variables {
  trail_name                  = "acme-prod-audit"
  bucket_name                 = "acme-prod-audit-trail-111122223333"
  account_id                  = "111122223333"
  region                      = "us-east-1"
  bedrock_data_resource_types = ["AWS::Bedrock::KnowledgeBase", "AWS::Bedrock::Guardrail"]
}

run "trail_logs_the_asked_events_and_readers_decrypt_through_s3" {
  command = plan

  variables {
    reader_role_arns = ["arn:aws:iam::111122223333:role/acme-prod-audit-transfer"]
  }

  assert {
    condition     = aws_cloudtrail.this.enable_log_file_validation && aws_cloudtrail.this.is_multi_region_trail
    error_message = "Log file validation and every region's management events."
  }

  assert {
    condition     = length(aws_cloudtrail.this.advanced_event_selector) == 3
    error_message = "One management selector and one data selector per resource type."
  }

  assert {
    condition     = sort(flatten([for s in aws_cloudtrail.this.advanced_event_selector : [for f in s.field_selector : f.equals if f.field == "resources.type"]])) == tolist(["AWS::Bedrock::Guardrail", "AWS::Bedrock::KnowledgeBase"])
    error_message = "Data selectors name exactly the asked Bedrock resource types, in a stable order."
  }

  assert {
    condition     = one([for s in jsondecode(aws_kms_key.this.policy).Statement : s.Condition.StringEquals["aws:SourceArn"] if s.Sid == "CloudTrailEncryptsThisTrail"]) == "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-prod-audit"
    error_message = "CloudTrail may generate data keys for this trail only."
  }

  assert {
    condition     = one([for s in jsondecode(aws_kms_key.this.policy).Statement : s.Condition.StringEquals["kms:ViaService"] if s.Sid == "ReadersDecryptThroughS3"]) == "s3.us-east-1.amazonaws.com"
    error_message = "Readers decrypt only through S3."
  }

  assert {
    condition     = aws_kms_key.this.enable_key_rotation
    error_message = "The key is rotated."
  }

  assert {
    condition     = [for st in jsondecode(aws_s3_bucket_policy.this.policy).Statement : st.Resource if st.Sid == "ReadersReadTheLogs"] == ["arn:aws:s3:::acme-prod-audit-trail-111122223333/AWSLogs/111122223333/*"]
    error_message = "Readers read this account's log files only."
  }
}

run "bucket_admits_only_this_trail_over_tls" {
  command = plan

  assert {
    condition = alltrue([
      for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement :
      s.Condition.StringEquals["aws:SourceArn"] == "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-prod-audit"
      if try(s.Principal.Service, "") == "cloudtrail.amazonaws.com"
    ])
    error_message = "CloudTrail may write only for this trail (aws:SourceArn)."
  }

  assert {
    condition     = [for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s.Resource if s.Sid == "CloudTrailWritesThisTrailOnly"] == ["arn:aws:s3:::acme-prod-audit-trail-111122223333/AWSLogs/111122223333/*"]
    error_message = "Writes land under this account's AWSLogs prefix only."
  }

  assert {
    condition     = contains([for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s.Sid], "DenyInsecureTransport")
    error_message = "Requests without TLS are denied."
  }

  assert {
    condition     = one([for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s.Resource if s.Sid == "NoOneDeletesAuditRecords"]) == ["arn:aws:s3:::acme-prod-audit-trail-111122223333/AWSLogs/*"]
    error_message = "Without a landing, deletes are denied under the trail's prefix."
  }

  assert {
    condition     = !contains([for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s.Sid], "ReadersReadTheLogs")
    error_message = "No reader, no read grant."
  }
}

run "unknown_data_resource_type_is_rejected" {
  command = plan

  variables {
    bedrock_data_resource_types = ["AWS::Bedrock::Everything"]
  }

  expect_failures = [var.bedrock_data_resource_types]
}

run "google_transfer_role_trusts_only_the_agent_and_reads_only_the_logs" {
  command = plan

  variables {
    google_transfer = { role_name = "acme-prod-audit-transfer", subject_id = "104158963345632159874" }
  }

  assert {
    condition     = jsondecode(aws_iam_role.google_transfer[0].assume_role_policy).Statement[0].Condition.StringEquals["accounts.google.com:sub"] == "104158963345632159874" && jsondecode(aws_iam_role.google_transfer[0].assume_role_policy).Statement[0].Principal.Federated == "accounts.google.com"
    error_message = "The role trusts Google's tokens for the transfer agent's subject only."
  }

  assert {
    condition     = [for st in jsondecode(aws_iam_role_policy.google_transfer[0].policy).Statement : st.Resource if st.Sid == "ReadTheLogs"] == ["arn:aws:s3:::acme-prod-audit-trail-111122223333/AWSLogs/111122223333/*"]
    error_message = "The role reads this account's log files only."
  }
}

run "no_subject_id_yet_no_role" {
  command = plan

  variables {
    google_transfer = { role_name = "acme-prod-audit-transfer" }
  }

  assert {
    condition     = length(aws_iam_role.google_transfer) == 0
    error_message = "Without the agent's subject id there is nothing to trust: no role."
  }
}

run "a_landing_prefix_has_one_writer_and_no_other" {
  command = plan

  variables {
    landing_writers = { "gcp/" = "arn:aws:iam::111122223333:role/acme-prod-audit-receiver-writer" }
  }

  assert {
    condition     = one([for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s if s.Sid == "OnlyGcpWriterWritesItsPrefix"]) == { Sid = "OnlyGcpWriterWritesItsPrefix", Effect = "Deny", Principal = "*", Action = "s3:PutObject", Resource = "arn:aws:s3:::acme-prod-audit-trail-111122223333/gcp/*", Condition = { StringNotEquals = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/acme-prod-audit-receiver-writer" } } }
    error_message = "Every principal but the writer is denied puts under gcp/."
  }

  assert {
    condition     = one([for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s if s.Sid == "NoOneDeletesAuditRecords"]) == { Sid = "NoOneDeletesAuditRecords", Effect = "Deny", Principal = "*", Action = ["s3:DeleteObject", "s3:DeleteObjectVersion"], Resource = ["arn:aws:s3:::acme-prod-audit-trail-111122223333/AWSLogs/*", "arn:aws:s3:::acme-prod-audit-trail-111122223333/gcp/*"] }
    error_message = "No principal may delete the trail's files or the landed ones (or their versions); lifecycle expiry is not a caller."
  }

  assert {
    condition     = one([for s in jsondecode(aws_kms_key.this.policy).Statement : s.Principal.AWS if s.Sid == "GcpWriterEncryptsThroughS3"]) == "arn:aws:iam::111122223333:role/acme-prod-audit-receiver-writer"
    error_message = "The key admits the writer role by name, through S3 only."
  }
}

run "the_trails_own_prefix_cannot_be_a_landing" {
  command = plan

  variables {
    landing_writers = { "AWSLogs/" = "arn:aws:iam::111122223333:role/x" }
  }

  expect_failures = [var.landing_writers]
}

run "sentinel_role_admits_only_this_workspace_and_reads_only_the_trail" {
  command = plan

  variables {
    sentinel = {
      oidc_provider_arn = "arn:aws:iam::111122223333:oidc-provider/sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/"
      audience          = "api://1462b192-27f7-4cb9-8523-0f4ecb54b47e"
      role_name         = "OIDC_acme-prod-sentinel"
      queue_name        = "acme-prod-audit-sentinel"
      workspace_id      = "0b6e1c2d-3f4a-4b5c-8d9e-0f1a2b3c4d5e"
    }
  }

  assert {
    condition     = jsondecode(aws_iam_role.sentinel[0].assume_role_policy).Statement[0].Condition.StringEquals["sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/:aud"] == "api://1462b192-27f7-4cb9-8523-0f4ecb54b47e"
    error_message = "The role requires Sentinel's audience on the tenant issuer's condition key."
  }

  assert {
    condition     = jsondecode(aws_iam_role.sentinel[0].assume_role_policy).Statement[0].Condition.StringEquals["sts:RoleSessionName"] == ["MicrosoftDefenderForClouds_0b6e1c2d-3f4a-4b5c-8d9e-0f1a2b3c4d5e", "MicrosoftSentinel_0b6e1c2d-3f4a-4b5c-8d9e-0f1a2b3c4d5e"]
    error_message = "Only sessions named for this workspace (no wildcard): another tenant's workspace cannot assume the role."
  }

  assert {
    condition     = [for st in jsondecode(aws_iam_role_policy.sentinel[0].policy).Statement : st.Resource if st.Sid == "ReadTheTrailFiles"] == ["arn:aws:s3:::acme-prod-audit-trail-111122223333/AWSLogs/111122223333/CloudTrail/*"]
    error_message = "The role reads this account's CloudTrail files only."
  }

  assert {
    condition     = [for st in jsondecode(aws_iam_role_policy.sentinel[0].policy).Statement : st.Resource if st.Sid == "ReceiveTheAnnouncements"] == ["arn:aws:sqs:us-east-1:111122223333:acme-prod-audit-sentinel"]
    error_message = "The role receives from its own queue only."
  }

  assert {
    condition     = one([for st in jsondecode(aws_sqs_queue_policy.sentinel[0].policy).Statement : st.Condition.ArnEquals["aws:SourceArn"] if st.Sid == "TrailBucketSendsObjectEvents"]) == "arn:aws:s3:::acme-prod-audit-trail-111122223333"
    error_message = "Only the trail bucket may send to the queue."
  }

  assert {
    condition     = aws_sqs_queue.sentinel[0].sqs_managed_sse_enabled && one(aws_s3_bucket_notification.sentinel[0].queue).filter_prefix == "AWSLogs/111122223333/CloudTrail/" && one(aws_s3_bucket_notification.sentinel[0].queue).filter_suffix == ".json.gz"
    error_message = "An encrypted queue announcing CloudTrail's log files (not its digests)."
  }
}

run "sentinel_without_workspace_id_has_a_queue_and_no_role" {
  command = plan

  variables {
    sentinel = {
      oidc_provider_arn = "arn:aws:iam::111122223333:oidc-provider/sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/"
      audience          = "api://1462b192-27f7-4cb9-8523-0f4ecb54b47e"
      role_name         = "OIDC_acme-prod-sentinel"
      queue_name        = "acme-prod-audit-sentinel"
    }
  }

  assert {
    condition     = length(aws_iam_role.sentinel) == 0 && length(aws_sqs_queue.sentinel) == 1
    error_message = "Without the workspace id nothing is trusted; the queue already keeps the announcements."
  }
}

run "sentinel_role_name_without_oidc_prefix_is_rejected" {
  command = plan

  variables {
    sentinel = {
      oidc_provider_arn = "arn:aws:iam::111122223333:oidc-provider/sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/"
      audience          = "api://1462b192-27f7-4cb9-8523-0f4ecb54b47e"
      role_name         = "acme-prod-sentinel"
      queue_name        = "acme-prod-audit-sentinel"
    }
  }

  expect_failures = [var.sentinel]
}
